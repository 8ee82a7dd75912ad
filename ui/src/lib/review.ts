// The validation by customs, the UI's own logic: the application queue sorted and filtered,
// the days left to a deadline as words, the trader's remarks in inbox order, and what the
// validator's page shows per item. The rules (deadlines, locks, states) are the core's: this
// only arranges what the shell sent.

import type { AppState, Clocks, ItemDiff, QueueEntry, ReceivedRemark, Remark, RemarkState } from './bindings';
import { fold } from './homelist';

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
    const text = fold([a.applicant, a.country, a.packId, ...a.roles].join('\n'));
    return words.every((w) => text.includes(w));
  });
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

const REMARK_ORDER: RemarkState[] = ['open', 'answered', 'closed'];

/** The trader's inbox: open remarks first, then answered, then closed; by number within each. */
export function inboxOrder(remarks: ReceivedRemark[]): ReceivedRemark[] {
  return [...remarks].sort(
    (a, b) => REMARK_ORDER.indexOf(a.state) - REMARK_ORDER.indexOf(b.state) || a.number - b.number,
  );
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
