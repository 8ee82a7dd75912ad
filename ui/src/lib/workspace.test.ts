import { describe, expect, it } from 'vitest';
import { answer, input, item, pack } from './fixtures';
import { entries, isGap, matches, refusal, step, visible } from './workspace';

describe('entries', () => {
  it('lists items in catalogue order: a group’s own items before its sub-groups’', () => {
    const ids = entries(pack()).map((e) => e.item.id);
    expect(ids).toEqual(['A.1', 'A.2', 'B.2', 'B.1']);
  });

  it('gives each item the path of groups above it', () => {
    const b1 = entries(pack()).find((e) => e.item.id === 'B.1');
    expect(b1?.path.map((g) => g.id)).toEqual(['B', 'B.X']);
  });
});

describe('filters and search', () => {
  const all = entries(pack());
  const answers = new Map([
    ['A.1', answer('A.1', 'met')],
    ['A.2', answer('A.2', 'partially-met', { flagged: true })],
    ['B.2', answer('B.2', 'not-applicable', { justification: 'no sea cargo', comment: 'Checked by Ana' })],
  ]);
  const ids = (f: Parameters<typeof visible>[2], q = '') =>
    visible(all, answers, f, q).map((e) => e.item.id);

  it('shows unanswered, gaps (not met, partially met, unanswered) and flagged items', () => {
    expect(ids('all')).toEqual(['A.1', 'A.2', 'B.2', 'B.1']);
    expect(ids('unanswered')).toEqual(['B.1']);
    expect(ids('gaps')).toEqual(['A.2', 'B.1']);
    expect(ids('flagged')).toEqual(['A.2']);
  });

  it('searches comments and justifications, ignoring case and accents', () => {
    expect(ids('all', 'ana')).toEqual(['B.2']);
    expect(ids('all', 'SEA cargo')).toEqual(['B.2']);
    expect(ids('all', 'securite fret')).toEqual(['A.2']);
    expect(ids('gaps', 'requirement of b.1')).toEqual(['B.1']);
  });

  it('needs every word of the search to match', () => {
    expect(matches(item('X'), undefined, 'title nothing-like-this')).toBe(false);
    expect(matches(item('X'), undefined, '   ')).toBe(true);
  });

  it('counts an unanswered item as a gap, a met one not', () => {
    expect(isGap(undefined)).toBe(true);
    expect(isGap(answer('X', 'met'))).toBe(false);
    expect(isGap(answer('X', 'not-applicable', { justification: 'x' }))).toBe(false);
  });
});

describe('step', () => {
  const list = entries(pack());

  it('moves forward and back and stops at the ends', () => {
    expect(step(list, 'A.2', 1)).toBe('B.2');
    expect(step(list, 'A.2', -1)).toBe('A.1');
    expect(step(list, 'B.1', 1)).toBeNull();
    expect(step(list, 'A.1', -1)).toBeNull();
  });

  it('enters a filtered list from outside at its first or last item', () => {
    const gaps = list.filter((e) => e.item.id !== 'A.1');
    expect(step(gaps, 'A.1', 1)).toBe('A.2');
    expect(step(gaps, 'A.1', -1)).toBe('B.1');
    expect(step([], 'A.1', 1)).toBeNull();
  });
});

describe('refusal', () => {
  it('refuses not-applicable without a justification, or on a mandatory item', () => {
    expect(refusal(item('X'), input('not-applicable'))).toBe('answer.justificationNeeded');
    expect(refusal(item('X'), input('not-applicable', { justification: '  ' }))).toBe(
      'answer.justificationNeeded',
    );
    expect(refusal(item('X', { mandatory: true }), input('not-applicable', { justification: 'x' }))).toBe(
      'answer.mandatoryNa',
    );
    expect(refusal(item('X'), input('not-applicable', { justification: 'no sea cargo' }))).toBeNull();
    expect(refusal(item('X', { mandatory: true }), input('met'))).toBeNull();
  });
});
