import { describe, expect, it } from 'vitest';
import type { AppState, QueueEntry, ReceivedRemark } from './bindings';
import { dayText, daysLeftText, filterQueue, inboxOrder, itemMark, nearest, overdue, sortQueue } from './review';

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
  const r = (number: number, state: ReceivedRemark['state']): ReceivedRemark => ({
    number,
    itemId: `i${number}`,
    kind: 'query',
    text: 't',
    state,
    response: '',
    respondedAt: null,
    due: null,
  });

  it('shows open remarks first, then answered, then closed', () => {
    const order = inboxOrder([r(1, 'closed'), r(2, 'answered'), r(3, 'open'), r(4, 'open')]).map((x) => x.number);
    expect(order).toEqual([3, 4, 2, 1]);
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
