// The home list at scale: a filter over title, organisation and country, and the list shown in
// pages (the store sends it most recently changed first), so hundreds of assessments stay quick
// to draw and to scroll.

import type { AssessmentSummary } from './bindings';

/** Cards shown at first, and added by each "Show more". */
export const PAGE = 50;

/** From how many assessments the filter box is offered. */
export const FILTER_FROM = 10;

/** Lower case without accents, so "societe" finds "Société". */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** A row with the folded text the filter looks in. */
export interface Searchable {
  row: AssessmentSummary;
  text: string;
}

export function searchable(rows: AssessmentSummary[]): Searchable[] {
  return rows.map((row) => {
    const a = row;
    return { row, text: fold([a.title, a.organisation, a.country].join('\n')) };
  });
}

/** The rows whose title, organisation or country hold every word of the query. */
export function filterRows(rows: Searchable[], query: string): AssessmentSummary[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return rows.map((r) => r.row);
  return rows.filter((r) => words.every((w) => r.text.includes(w))).map((r) => r.row);
}

/** What the list shows: the first `shown` matching rows, and how many more there are. */
export interface Page {
  rows: AssessmentSummary[];
  /** Rows matching the filter. */
  total: number;
  /** Rows the next "Show more" adds (at most `PAGE`). */
  next: number;
}

export function page(matching: AssessmentSummary[], shown: number): Page {
  const rows = matching.slice(0, Math.max(shown, PAGE));
  return {
    rows,
    total: matching.length,
    next: Math.min(PAGE, matching.length - rows.length),
  };
}
