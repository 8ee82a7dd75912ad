import { describe, expect, it } from 'vitest';
import type { AppState, QueueEntry } from './bindings';
import type { ApplicationEvent } from './bindings-desktop';
import en from '../locales/en.json';
import fr from '../locales/fr.json';
import type { PlanSection } from './bindings';
import { pack } from './fixtures';
import { PLAN_REASONS, addDays, dayText, daysLeftText, daysUntil, filterQueue, historyText, itemMark, labelNames, localizePlan, nearest, overdue, planReasons, planSplit, remarkChip, remarkDueText, sortQueue, todayIso } from './review';

function entry(
  applicant: string,
  over: { state?: AppState; score?: number | null; remarks?: number; accept?: number | null; decide?: number | null; country?: string } = {},
): QueueEntry {
  return {
    row: {
      ...{
        id: applicant,
        originId: `o-${applicant}`,
        applicant,
        country: over.country ?? 'FR',
        roles: ['importer'],
        tiers: [],
        packId: 'wco-safe-aeo-trader',
        packVersion: '2025.1',
        state: over.state ?? 'received',
        submission: 1,
        fingerprint: 'ab',
        receivedOn: '2026-01-01',
        acceptedOn: null,
        acceptDays: 30,
        decideDays: 120,
        remarkDays: 30,
        score: over.score === undefined ? 0.5 : over.score,
        verdict: null,
        decision: null,
        updatedAt: '2026-01-01T00:00:00Z',
      },
      deadlines: { acceptBy: '2026-01-31', decideBy: null },
      openRemarks: over.remarks ?? 0,
    },
    clocks: { acceptDaysLeft: over.accept === undefined ? 10 : over.accept, decideDaysLeft: over.decide ?? null },
    labels: { roles: [{ id: 'importer', name: 'Importer' }], tiers: [] },
  };
}

const names = (rows: QueueEntry[]) => rows.map((r) => r.row.applicant);

describe('the application queue', () => {
  const rows = [
    entry('Zeta SA', { score: 0.9, remarks: 2, accept: 5, country: 'BE' }),
    entry('Acme', { score: null, remarks: 0, accept: null, decide: 40, state: 'under-review' }),
    entry('Société Générale de Fret', { score: 0.2, remarks: 1, accept: -3, state: 'returned' }),
    entry('Decided Ltd', { accept: null, decide: null, state: 'decided' }),
  ];

  it('sorts by applicant ignoring accents and case, both ways', () => {
    expect(names(sortQueue(rows, 'applicant', true))).toEqual(['Acme', 'Decided Ltd', 'Société Générale de Fret', 'Zeta SA']);
    expect(names(sortQueue(rows, 'applicant', false))).toEqual(['Zeta SA', 'Société Générale de Fret', 'Decided Ltd', 'Acme']);
  });

  it('sorts by the nearest deadline, overdue first and decided ones last', () => {
    expect(names(sortQueue(rows, 'deadline', true))).toEqual(['Société Générale de Fret', 'Zeta SA', 'Acme', 'Decided Ltd']);
    // Descending still keeps the rows without a running deadline last.
    expect(names(sortQueue(rows, 'deadline', false)).at(-1)).toBe('Decided Ltd');
  });

  it('puts an application without a score last whatever the direction', () => {
    expect(names(sortQueue(rows, 'score', true))).toEqual(['Société Générale de Fret', 'Decided Ltd', 'Zeta SA', 'Acme']);
    expect(names(sortQueue(rows, 'score', false))).toEqual(['Zeta SA', 'Decided Ltd', 'Société Générale de Fret', 'Acme']);
  });

  it('sorts by state in the order of the review', () => {
    expect(names(sortQueue(rows, 'state', true))).toEqual(['Zeta SA', 'Acme', 'Société Générale de Fret', 'Decided Ltd']);
  });

  it('finds an application by its role and tier names, and shows the names', () => {
    const ff = {
      ...entry('Forwarder SA'),
      labels: { roles: [{ id: 'freight-forwarder', name: 'Freight forwarder' }], tiers: [{ id: 'aeos', name: 'AEO Security' }] },
    };
    expect(names(filterQueue([...rows, ff], { query: 'forwarder security', state: 'all', overdueOnly: false }))).toEqual(['Forwarder SA']);
    expect(labelNames(ff.labels.roles)).toBe('Freight forwarder');
    expect(labelNames([...ff.labels.roles, { id: 'importer', name: 'Importer' }])).toBe('Freight forwarder, Importer');
    expect(labelNames([])).toBe('');
  });

  it('filters by words without accents, by state and by overdue', () => {
    expect(names(filterQueue(rows, { query: 'societe fret', state: 'all', overdueOnly: false }))).toEqual(['Société Générale de Fret']);
    expect(names(filterQueue(rows, { query: 'be', state: 'all', overdueOnly: false }))).toEqual(['Zeta SA']);
    expect(names(filterQueue(rows, { query: '', state: 'under-review', overdueOnly: false }))).toEqual(['Acme']);
    expect(names(filterQueue(rows, { query: '', state: 'all', overdueOnly: true }))).toEqual(['Société Générale de Fret']);
    expect(filterQueue(rows, { query: 'nobody', state: 'all', overdueOnly: false })).toEqual([]);
  });

  it('takes the nearest of the two running deadlines', () => {
    expect(nearest({ acceptDaysLeft: 12, decideDaysLeft: 3 })).toBe(3);
    expect(nearest({ acceptDaysLeft: null, decideDaysLeft: null })).toBeNull();
    expect(overdue({ acceptDaysLeft: null, decideDaysLeft: -1 })).toBe(true);
    expect(overdue({ acceptDaysLeft: 0, decideDaysLeft: null })).toBe(false);
  });
});

describe('days left', () => {
  it('says days left, due today, or overdue, with one and many', () => {
    expect(daysLeftText(12)).toEqual({ key: 'review.daysLeft', params: { n: 12 }, overdue: false });
    expect(daysLeftText(1)).toEqual({ key: 'review.dayLeft', params: { n: 1 }, overdue: false });
    expect(daysLeftText(0)).toEqual({ key: 'review.dueToday', params: { n: 0 }, overdue: false });
    expect(daysLeftText(-1)).toEqual({ key: 'review.overdueDay', params: { n: 1 }, overdue: true });
    expect(daysLeftText(-9)).toEqual({ key: 'review.overdueDays', params: { n: 9 }, overdue: true });
    expect(daysLeftText(null)).toBeNull();
  });
});

describe('the trader inbox and the item marks', () => {
  it('counts the days to a due date across months and years', () => {
    expect(daysUntil('2026-03-05', '2026-03-01')).toBe(4);
    expect(daysUntil('2026-03-01', '2026-03-05')).toBe(-4);
    expect(daysUntil('2027-01-02', '2026-12-31')).toBe(2);
    expect(daysUntil('2026-03-29', '2026-03-28')).toBe(1);
    expect(daysUntil('nope', '2026-03-28')).toBeNull();
    expect(addDays('2026-12-20', 30)).toBe('2027-01-19');
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(todayIso(new Date(2026, 0, 9, 23, 30))).toBe('2026-01-09');
  });

  it('words a remark deadline: days left, overdue, due today, no deadline', () => {
    const today = '2026-03-10';
    expect(remarkDueText('2026-03-22', 'open', today)).toEqual({ key: 'review.daysLeft', params: { n: 12 }, overdue: false });
    expect(remarkDueText('2026-03-11', 'answered', today)).toEqual({ key: 'review.dayLeft', params: { n: 1 }, overdue: false });
    expect(remarkDueText('2026-03-10', 'open', today)).toEqual({ key: 'review.dueToday', params: { n: 0 }, overdue: false });
    expect(remarkDueText('2026-03-09', 'open', today)).toEqual({ key: 'review.overdueDay', params: { n: 1 }, overdue: true });
    expect(remarkDueText('2026-03-01', 'open', today)).toEqual({ key: 'review.overdueDays', params: { n: 9 }, overdue: true });
    expect(remarkDueText(null, 'open', today)).toEqual({ key: 'review.noDeadline', params: { n: 0 }, overdue: false });
    // A closed remark keeps its date but no count.
    expect(remarkDueText('2026-03-01', 'closed', today)).toBeNull();
  });

  it('has the deadline words in both languages, singular and plural', () => {
    const fill = (m: string, n: number) => m.replace('{n}', String(n)).replace('{date}', '2 déc. 2026');
    const words = (table: Record<string, string>, due: string | null) => {
      const x = remarkDueText(due, 'open', '2026-03-10')!;
      return fill(table[x.key]!, x.params.n);
    };
    expect(words(en, '2026-03-11')).toBe('1 day left');
    expect(words(en, '2026-03-13')).toBe('3 days left');
    expect(words(en, '2026-03-09')).toBe('overdue by 1 day');
    expect(words(en, '2026-03-07')).toBe('overdue by 3 days');
    expect(words(en, null)).toBe('no deadline');
    expect(words(fr, '2026-03-11')).toBe('1 jour restant');
    expect(words(fr, '2026-03-13')).toBe('3 jours restants');
    expect(words(fr, '2026-03-09')).toBe('en retard de 1 jour');
    expect(words(fr, '2026-03-07')).toBe('en retard de 3 jours');
    expect(words(fr, null)).toBe('sans échéance');
    expect(fill(fr['review.dueOn'], 0)).toBe('échéance le 2 déc. 2026');
  });

  it('says "Remark answered" on an item whose remarks are all answered, "Remark open" while one is open', () => {
    const m = (number: number, itemId: string, state: 'open' | 'answered' | 'closed') => ({
      number,
      itemId,
      kind: 'query' as const,
      text: '',
      state,
      raisedIn: 1,
      response: '',
      due: null,
    });
    const remarks = [m(1, 'a', 'answered'), m(2, 'b', 'answered'), m(3, 'b', 'open'), m(4, 'c', 'closed')];
    expect(remarkChip('a', remarks)).toBe('answered');
    expect(remarkChip('b', remarks)).toBe('open');
    expect(remarkChip('c', remarks)).toBeNull();
    expect(remarkChip('d', remarks)).toBeNull();
    expect(en['review.remarkAnswered']).toBe('Remark answered');
    expect(fr['review.remarkAnswered']).toBeTruthy();
  });

  it('marks an item with a remark not closed as such even when accepted earlier', () => {
    const remarks = [{ number: 1, itemId: 'a', kind: 'query' as const, text: '', state: 'open' as const, raisedIn: 1, response: '', due: null }];
    expect(itemMark('a', ['a'], remarks)).toBe('remark');
    expect(itemMark('b', ['b'], remarks)).toBe('accepted');
    expect(itemMark('c', ['b'], remarks)).toBe('none');
    expect(itemMark('a', [], [{ ...remarks[0]!, state: 'closed' }])).toBe('none');
  });
});

describe('calendar days', () => {
  it('are written in the user language', () => {
    expect(dayText('2027-01-01', 'en')).toBe('1 Jan 2027');
    expect(dayText('2027-01-01', 'fr')).toBe('1 janv. 2027');
    expect(dayText('not a date', 'en')).toBe('not a date');
  });
});

function section(code: string, priority: number, counts: PlanSection['counts'] = {}, items: PlanSection['items'] = []): PlanSection {
  return { rank: 1, code, title: `Plan title ${code}`, priority, applicable: 2, counts, why: '', items };
}

describe('the validation plan', () => {
  it('lists reasons in the core order with a singular or plural key, none at zero', () => {
    const s = section('A', 7, { changed: 1, critical: 2, 'open-remark': 0, 'not-met': 1 });
    expect(planReasons(s)).toEqual([
      { reason: 'critical', n: 2, key: 'plan.many.critical' },
      { reason: 'not-met', n: 1, key: 'plan.one.not-met' },
      { reason: 'changed', n: 1, key: 'plan.one.changed' },
    ]);
    expect(planReasons(section('B', 0))).toEqual([]);
  });

  it('takes section and item titles from the pack in the user language, keeps the rest', () => {
    const p = pack();
    const plan = [
      section('B.X', 2, { 'partially-met': 1 }, [{ itemId: 'B.1', title: 'Plan B.1', points: 2, reasons: ['partially-met'] }]),
      section('A', 2, { critical: 1 }, [{ itemId: 'A.2', title: 'Plan A.2', points: 2, reasons: ['critical'] }]),
      section('Z', 0, {}, [{ itemId: 'Z.1', title: 'Only in the plan', points: 0, reasons: [] }]),
    ];
    const out = localizePlan(plan, p);
    expect(out.map((s) => s.title)).toEqual(['Section B.X', 'Section A', 'Plan title Z']);
    expect(out.map((s) => s.items.map((i) => i.title))).toEqual([['Title of B.1'], ['Sécurité du fret'], ['Only in the plan']]);
    expect(out.map((s) => s.priority)).toEqual([2, 2, 0]);
  });

  it('has a singular and a plural text of every reason in both languages', () => {
    for (const r of PLAN_REASONS) {
      const s = section('A', 1, { [r]: 1 });
      const many = section('A', 1, { [r]: 3 });
      for (const key of [planReasons(s)[0]?.key, planReasons(many)[0]?.key]) {
        expect(en, `${key}`).toHaveProperty([key as string]);
        expect(fr, `${key}`).toHaveProperty([key as string]);
      }
    }
  });

  it('splits the sections worth a look from the quiet ones', () => {
    const { ranked, quiet } = planSplit([section('A', 5), section('B', 1), section('C', 0), section('D', 0)]);
    expect(ranked.map((s) => s.code)).toEqual(['A', 'B']);
    expect(quiet).toBe(2);
  });
});

describe('the customs history in words', () => {
  const ev = (action: string, over: Partial<ApplicationEvent> = {}): ApplicationEvent => ({
    seq: 1,
    itemId: '',
    action,
    submission: null,
    remark: null,
    kind: null,
    text: null,
    due: null,
    decision: null,
    state: null,
    file: null,
    created: false,
    at: '2026-12-01T10:00:00Z',
    by: 'inspector',
    ...over,
  });

  it('says each customs action in both languages', () => {
    const remark = ev('review-remark', { itemId: 'A.1', remark: 2, kind: 'evidence-missing', text: 'Send the plan', due: '2026-12-31' });
    expect(historyText(remark, 'en')).toBe('R2 (Evidence missing) raised on A.1, due 31 Dec 2026: Send the plan');
    expect(historyText(remark, 'fr')).toMatch(/^Observation R2 \(.+\) émise sur A\.1, échéance le 31 déc\. 2026 : Send the plan$/);
    expect(historyText({ ...remark, due: null }, 'en')).toBe('R2 (Evidence missing) raised on A.1: Send the plan');
    const open = ev('review-open', { submission: 1, file: 'acme.safeassess', created: true });
    expect(historyText(open, 'en')).toBe('Submission 1 opened from acme.safeassess: new application');
    expect(historyText({ ...open, created: false, submission: 2 }, 'fr')).toBe('Dépôt n° 2 ouvert à partir de acme.safeassess');
    expect(historyText(ev('review-accept', { itemId: 'B.2', submission: 1 }), 'en')).toBe('Answer to B.2 accepted (submission 1)');
    expect(historyText(ev('review-close-remark', { remark: 2 }), 'fr')).toBe('Observation R2 levée');
    expect(historyText(ev('review-finding', { itemId: 'C.3', text: 'Fence broken' }), 'en')).toBe('On-site finding on C.3: Fence broken');
    const decide = ev('review-decide', { decision: 'return', text: 'Answer R2', submission: 1 });
    expect(historyText(decide, 'en')).toBe('Submission 1: Returned to the applicant. Note: Answer R2');
    expect(historyText(decide, 'fr')).toBe('Dépôt n° 1 : Demande renvoyée au demandeur. Note : Answer R2');
    const exp = ev('review-export', { submission: 1, state: 'returned', file: 'acme-review.safereview' });
    expect(historyText(exp, 'en')).toBe('Review file of submission 1 written (Returned to applicant): acme-review.safereview');
    expect(historyText(ev('something-new', { itemId: 'X' }), 'en')).toBe('something-new (X)');
  });
});
