import { describe, expect, it } from 'vitest';
import type { Coverage, CoverageItem, Derived, Linked } from './bindings';
import { byState, confirmable, linkCounts, linkMarks, sideBySide, toAnswer } from './crosswalk';
import { input } from './fixtures';

function derived(itemId: string, over: Partial<Derived> = {}): Derived {
  return {
    itemId,
    sourceItem: `S.${itemId}`,
    relationship: 'equal',
    state: 'carried',
    basis: input('met'),
    answer: input('met'),
    sourceNow: input('met'),
    ...over,
  };
}

const linked = (items: Derived[]): Linked => ({
  link: {
    sourceId: 'src',
    sourceTitle: 'SAFE readiness',
    sourcePack: 'safe2025-aeo',
    mapping: 'safe2025-aeo--eu-aeo-ucc',
    linkedAt: '2026-12-02T10:00:00Z',
    linkedBy: 'ana',
  },
  items,
});

describe('a linked assessment', () => {
  it('counts the suggestions to confirm and the diverged answers', () => {
    const l = linked([
      derived('A'),
      derived('B', { state: 'suggested', answer: null }),
      derived('C', { state: 'diverged', sourceNow: input('not-met') }),
      derived('D', { state: 'suggested', answer: null }),
      derived('E', { state: 'confirmed' }),
    ]);
    expect(linkCounts(l)).toEqual({ total: 5, toConfirm: 2, diverged: 1 });
    expect(linkCounts(null)).toEqual({ total: 0, toConfirm: 0, diverged: 0 });
  });

  it('marks in the navigator only the suggestions and the diverged answers', () => {
    const marks = linkMarks(
      linked([
        derived('A'),
        derived('B', { state: 'suggested', answer: null }),
        derived('C', { state: 'diverged', sourceNow: input('not-met') }),
        derived('E', { state: 'confirmed' }),
        derived('F', { state: 'changed' }),
      ]),
    );
    expect([...marks]).toEqual([
      ['B', 'suggested'],
      ['C', 'diverged'],
    ]);
    expect(linkMarks(null).size).toBe(0);
  });

  it('offers Confirm on a suggestion, a diverged and a carried answer only', () => {
    expect(confirmable(derived('A', { state: 'suggested' }))).toBe(true);
    expect(confirmable(derived('A', { state: 'diverged' }))).toBe(true);
    expect(confirmable(derived('A', { state: 'carried' }))).toBe(true);
    expect(confirmable(derived('A', { state: 'confirmed' }))).toBe(false);
    expect(confirmable(derived('A', { state: 'changed' }))).toBe(false);
  });

  it('shows both values side by side only when diverged', () => {
    const d = derived('C', { state: 'diverged', answer: input('met'), sourceNow: input('not-met') });
    expect(sideBySide(d)).toEqual({ here: input('met'), source: input('not-met') });
    // A source answer cleared since: nothing on the source side.
    expect(sideBySide({ ...d, sourceNow: null })?.source).toBeNull();
    expect(sideBySide(derived('A'))).toBeNull();
  });
});

describe('coverage', () => {
  const item = (itemId: string, state: CoverageItem['state']): CoverageItem => ({
    itemId,
    title: `Title ${itemId}`,
    section: 'S',
    state,
    by: [],
  });
  const c: Coverage = {
    assessmentId: 'a',
    fromPack: 'safe2025-aeo',
    toPack: 'eu-aeo-ucc',
    toVersion: '1.0.0',
    mapping: 'm',
    items: [item('1', 'covered'), item('2', 'not-covered'), item('3', 'partly'), item('4', 'covered')],
    sections: [],
    total: 4,
    covered: 2,
    partly: 1,
    percent: 50,
    toAnswer: ['3', '2'],
  };

  it('groups the items by state in catalogue order', () => {
    const g = byState(c);
    expect(g.covered.map((i) => i.itemId)).toEqual(['1', '4']);
    expect(g.partly.map((i) => i.itemId)).toEqual(['3']);
    expect(g['not-covered'].map((i) => i.itemId)).toEqual(['2']);
  });

  it('lists the items still to answer in catalogue order, with their titles', () => {
    expect(toAnswer(c).map((i) => i.itemId)).toEqual(['2', '3']);
  });
});
