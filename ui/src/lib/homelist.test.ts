import { describe, expect, it } from 'vitest';
import type { AssessmentSummary } from './bindings';
import { PAGE, filterRows, fold, page, searchable } from './homelist';

function row(id: string, title: string, organisation = '', country = ''): AssessmentSummary {
  return { id, title, organisation, country, applicable: 10, answered: 0, completion: 0 } as AssessmentSummary;
}

const rows = [
  row('a', 'AEO 2026', 'Société Générale de Fret', 'FR'),
  row('b', 'Customs self-check', 'Douane du Bénin', 'BJ'),
  row('c', 'AEO renewal', 'Acme Trading Ltd', 'GB'),
];
const ids = (r: AssessmentSummary[]) => r.map((x) => x.id);

describe('home filter', () => {
  it('folds case and accents', () => {
    expect(fold('Société ÉLAN')).toBe('societe elan');
  });
  it('keeps every row, in order, for an empty or blank query', () => {
    expect(ids(filterRows(searchable(rows), ''))).toEqual(['a', 'b', 'c']);
    expect(ids(filterRows(searchable(rows), '   '))).toEqual(['a', 'b', 'c']);
  });
  it('finds by title, organisation or country, without case or accents', () => {
    const s = searchable(rows);
    expect(ids(filterRows(s, 'aeo'))).toEqual(['a', 'c']);
    expect(ids(filterRows(s, 'SOCIETE'))).toEqual(['a']);
    expect(ids(filterRows(s, 'benin'))).toEqual(['b']);
    expect(ids(filterRows(s, 'gb'))).toEqual(['c']);
  });
  it('needs every word, each anywhere', () => {
    const s = searchable(rows);
    expect(ids(filterRows(s, 'aeo fr'))).toEqual(['a']);
    expect(ids(filterRows(s, 'aeo bj'))).toEqual([]);
  });
  it('does not look in other fields', () => {
    expect(ids(filterRows(searchable([row('x', 'Plain')]), 'x'))).toEqual([]);
  });
});

describe('home pages', () => {
  const many = Array.from({ length: 2 * PAGE + 7 }, (_, i) => row(String(i), `A${i}`));
  it('shows the first page, most recent first, and offers the next', () => {
    const p = page(many, PAGE);
    expect(p.rows).toHaveLength(PAGE);
    expect(p.rows[0]?.id).toBe('0');
    expect(p.total).toBe(many.length);
    expect(p.next).toBe(PAGE);
  });
  it('offers only what is left on the last page, then nothing', () => {
    expect(page(many, 2 * PAGE).next).toBe(7);
    const all = page(many, 3 * PAGE);
    expect(all.rows).toHaveLength(many.length);
    expect(all.next).toBe(0);
  });
  it('shows a short list whole', () => {
    const p = page(many.slice(0, 3), PAGE);
    expect(p.rows).toHaveLength(3);
    expect(p.next).toBe(0);
  });
  it('never shows less than a page', () => {
    expect(page(many, 0).rows).toHaveLength(PAGE);
  });
});
