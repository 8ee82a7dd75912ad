// The validation by customs, the UI's own logic: the application queue sorted and filtered,
// the days left to a deadline as words, and what the
// validator's page shows per item. The rules (deadlines, locks, states) are the core's: this
// only arranges what the shell sent.

import type { AppState, Clocks, Group, ItemDiff, Label, Lang, Pack, PlanReason, PlanSection, QueueEntry, Remark, RemarkState } from './bindings';
import type { ApplicationEvent } from './bindings-desktop';
import { fold } from './homelist';
import { translate } from './i18n.svelte';
import { entries, groupLabel, groupsOf } from './workspace';

/** A calendar day (`YYYY-MM-DD`) in the user's language ("2 Dec 2026", "2 déc. 2026"). */
export function dayText(iso: string, lang: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return new Intl.DateTimeFormat(lang === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

/** The queue's sortable columns. */
export type QueueSort = 'applicant' | 'country' | 'state' | 'submission' | 'score' | 'remarks' | 'deadline';

export interface QueueFilter {
  /** Words looked for in applicant, country, programme and roles. */
  query: string;
  /** One state, or every state. */
  state: AppState | 'all';
  /** Only applications with a deadline passed. */
  overdueOnly: boolean;
}

const STATE_ORDER: AppState[] = ['received', 'under-review', 'returned', 'decided'];

/** The nearest running deadline's days left (negative: overdue); null when none runs. */
export function nearest(c: Clocks): number | null {
  const days = [c.acceptDaysLeft, c.decideDaysLeft].filter((d): d is number => d !== null);
  return days.length ? Math.min(...days) : null;
}

/** Whether a running deadline has passed. */
export function overdue(c: Clocks): boolean {
  const n = nearest(c);
  return n !== null && n < 0;
}

export function filterQueue(rows: QueueEntry[], f: QueueFilter): QueueEntry[] {
  const words = fold(f.query).split(/\s+/).filter(Boolean);
  return rows.filter((e) => {
    const a = e.row;
    if (f.state !== 'all' && a.state !== f.state) return false;
    if (f.overdueOnly && !overdue(e.clocks)) return false;
    if (!words.length) return true;
    const names = [...e.labels.roles, ...e.labels.tiers].map((l) => l.name);
    const text = fold([a.applicant, a.country, a.packId, ...a.roles, ...a.tiers, ...names].join('\n'));
    return words.every((w) => text.includes(w));
  });
}

/** Role or tier names for the screen ("Importer, Freight forwarder"); "" for none. */
export function labelNames(labels: Label[]): string {
  return labels.map((l) => l.name).join(', ');
}

function key(e: QueueEntry, by: QueueSort): string | number | null {
  const a = e.row;
  switch (by) {
    case 'applicant':
      return fold(a.applicant);
    case 'country':
      return a.country.toLowerCase();
    case 'state':
      return STATE_ORDER.indexOf(a.state);
    case 'submission':
      return a.submission;
    case 'score':
      return a.score;
    case 'remarks':
      return e.row.openRemarks;
    case 'deadline':
      return nearest(e.clocks);
  }
}

/** Sorted by one column; rows without a value (no score, no running deadline) always last. */
export function sortQueue(rows: QueueEntry[], by: QueueSort, ascending: boolean): QueueEntry[] {
  return [...rows].sort((x, y) => {
    const a = key(x, by);
    const b = key(y, by);
    if (a === null && b === null) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    const c = a < b ? -1 : a > b ? 1 : 0;
    return ascending ? c : -c;
  });
}

/** Days left to a deadline as a message key and its parameters; null when none runs. */
export function daysLeftText(days: number | null): { key: string; params: { n: number }; overdue: boolean } | null {
  if (days === null) return null;
  if (days === 0) return { key: 'review.dueToday', params: { n: 0 }, overdue: false };
  if (days > 0) return { key: days === 1 ? 'review.dayLeft' : 'review.daysLeft', params: { n: days }, overdue: false };
  return { key: days === -1 ? 'review.overdueDay' : 'review.overdueDays', params: { n: -days }, overdue: true };
}

/** Today in the user's time zone, as `YYYY-MM-DD` (the day the core counts from). */
export function todayIso(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

function utcDay(iso: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
}

/** Days from `today` to `due` (negative when overdue), both `YYYY-MM-DD`; null for a bad date. */
export function daysUntil(due: string, today: string): number | null {
  const d = utcDay(due);
  const t = utcDay(today);
  return d === null || t === null ? null : Math.round((d - t) / 86_400_000);
}

/** `iso` plus `n` days, as `YYYY-MM-DD`. */
export function addDays(iso: string, n: number): string {
  const d = utcDay(iso);
  return d === null ? iso : new Date(d + n * 86_400_000).toISOString().slice(0, 10);
}

/** A remark's deadline as a message key and its parameters: the days left or overdue while it is
 * not closed, "no deadline" when it has none; null for a closed remark with a due date (its date
 * alone is shown). */
export function remarkDueText(
  due: string | null,
  state: RemarkState,
  today: string,
): { key: string; params: { n: number }; overdue: boolean } | null {
  if (due === null) return { key: 'review.noDeadline', params: { n: 0 }, overdue: false };
  if (state === 'closed') return null;
  return daysLeftText(daysUntil(due, today));
}

/** The chip of an item with remarks not closed: "Remark open" while one is open, "Remark
 * answered" when every such remark is answered; null when none. */
export function remarkChip(itemId: string, remarks: Remark[]): 'open' | 'answered' | null {
  const mine = remarks.filter((r) => r.itemId === itemId);
  if (mine.some((r) => r.state === 'open')) return 'open';
  if (mine.some((r) => r.state === 'answered')) return 'answered';
  return null;
}

/** Where an item stands for the validator. */
export type ItemMark = 'accepted' | 'remark' | 'none';

export function itemMark(itemId: string, accepted: string[], remarks: Remark[]): ItemMark {
  if (remarks.some((r) => r.itemId === itemId && r.state !== 'closed')) return 'remark';
  if (accepted.includes(itemId)) return 'accepted';
  return 'none';
}

/** What changed on an item, as message keys (status, comment, justification, evidence). */
export function changeKeys(d: ItemDiff): string[] {
  const out: string[] = [];
  if (d.oldStatus !== d.newStatus) out.push('review.changed.status');
  if (d.commentChanged) out.push('review.changed.comment');
  if (d.justificationChanged) out.push('review.changed.justification');
  if (d.evidenceAdded.length) out.push('review.changed.evidenceAdded');
  if (d.evidenceRemoved.length) out.push('review.changed.evidenceRemoved');
  return out;
}

/** The reasons of the validation plan, in the core's order (`PlanReason`). */
export const PLAN_REASONS: PlanReason[] = [
  'critical',
  'not-met',
  'partially-met',
  'no-evidence',
  'evidence-expired',
  'changed',
  'open-remark',
];

/** A section's reasons with how many items have each, in the core's order; none at zero. The
 * message key is `plan.one.<reason>` for one item, `plan.many.<reason>` for more. */
export function planReasons(s: PlanSection): { reason: PlanReason; n: number; key: string }[] {
  return PLAN_REASONS.flatMap((reason) => {
    const n = s.counts[reason] ?? 0;
    return n > 0 ? [{ reason, n, key: `plan.${n === 1 ? 'one' : 'many'}.${reason}` }] : [];
  });
}

/** The plan's sections in the language of the screen: each section's and item's title taken
 * from `pack` (the application's pack in the user's language) where it has them; the plan's own
 * (the pack's language) otherwise. The ranks and reasons are kept as they are. */
export function localizePlan(sections: PlanSection[], pack: Pack): PlanSection[] {
  const groups = new Map<string, string>();
  const walk = (g: Group) => {
    groups.set(groupLabel(g), g.title);
    groupsOf(g).forEach(walk);
  };
  pack.groups.forEach(walk);
  const items = new Map(entries(pack).map((e) => [e.item.id, e.item.title]));
  return sections.map((s) => ({
    ...s,
    title: groups.get(s.code) ?? s.title,
    items: s.items.map((i) => ({ ...i, title: items.get(i.itemId) ?? i.title })),
  }));
}

/** The sections worth a look on site (a priority above zero), and how many have nothing to
 * check first. */
export function planSplit(sections: PlanSection[]): { ranked: PlanSection[]; quiet: number } {
  const ranked = sections.filter((s) => s.priority > 0);
  return { ranked, quiet: sections.length - ranked.length };
}

/** What an entry of a customs application's history says, in `lang` ("R2 (Evidence missing)
 * raised on A.1, due 31 Dec 2026: …"); an action this version has no words for is shown as its
 * action word. */
export function historyText(e: ApplicationEvent, lang: Lang): string {
  const tr = (key: string, params?: Record<string, string | number>) => translate(lang, key, params);
  const n = e.submission ?? 0;
  switch (e.action) {
    case 'review-open':
      return tr(e.created ? 'review.history.openNew' : 'review.history.open', { n, file: e.file ?? '' });
    case 'review-accept':
      return tr('review.history.accept', { item: e.itemId, n });
    case 'review-remark':
      return tr(e.due ? 'review.history.remark' : 'review.history.remarkNoDue', {
        r: e.remark ?? 0,
        kind: e.kind ? tr(`review.kind.${e.kind}`) : '',
        item: e.itemId,
        date: e.due ? dayText(e.due, lang) : '',
        text: e.text ?? '',
      });
    case 'review-close-remark':
      return tr('review.history.closeRemark', { r: e.remark ?? 0 });
    case 'review-finding':
      return tr('review.history.finding', { item: e.itemId, text: e.text ?? '' });
    case 'review-decide':
      return tr('review.history.decide', {
        n,
        decision: e.decision ? tr(`review.decided.${e.decision}`) : '',
        text: e.text ?? '',
      });
    case 'review-export':
      return tr('review.history.export', {
        n,
        state: e.state ? tr(`review.state.${e.state}`) : '',
        file: e.file ?? '',
      });
    default:
      return e.itemId ? `${e.action} (${e.itemId})` : e.action;
  }
}
