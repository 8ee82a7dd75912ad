// The crosswalk on screen: what a derived answer's note says, the link banner's counts, and the
// coverage view's item lists. Pure functions over the core's types.

import type { AnswerInput, Coverage, CoverageItem, CoverState, Derived, Linked } from './bindings';

/** How many answers of a linked assessment are in each state that asks something of the user. */
export interface LinkCounts {
  total: number;
  toConfirm: number;
  diverged: number;
}

export function linkCounts(linked: Linked | null): LinkCounts {
  const items = linked?.items ?? [];
  return {
    total: items.length,
    toConfirm: items.filter((d) => d.state === 'suggested').length,
    diverged: items.filter((d) => d.state === 'diverged').length,
  };
}

/** What the navigator marks on an item that came through the link: a suggestion still to confirm
 * or a diverged answer. Other states need nothing from the user and get no mark. */
export type LinkMark = 'suggested' | 'diverged';

export function linkMarks(linked: Linked | null): Map<string, LinkMark> {
  const out = new Map<string, LinkMark>();
  for (const d of linked?.items ?? []) {
    if (d.state === 'suggested' || d.state === 'diverged') out.set(d.itemId, d.state);
  }
  return out;
}

/** Whether the note offers a Confirm button: a suggestion, a diverged or a carried answer. */
export function confirmable(d: Derived): boolean {
  return d.state === 'suggested' || d.state === 'diverged' || d.state === 'carried';
}

/** The two values a diverged answer shows side by side: this assessment's and the source's now. */
export function sideBySide(d: Derived): { here: AnswerInput | null; source: AnswerInput | null } | null {
  if (d.state !== 'diverged') return null;
  return { here: d.answer ?? d.basis, source: d.sourceNow };
}

/** The coverage items grouped by state, in catalogue order. */
export function byState(c: Coverage): Record<CoverState, CoverageItem[]> {
  const out: Record<CoverState, CoverageItem[]> = { covered: [], partly: [], 'not-covered': [] };
  for (const i of c.items) out[i.state].push(i);
  return out;
}

/** The items still to answer, with their titles, in catalogue order. */
export function toAnswer(c: Coverage): CoverageItem[] {
  const want = new Set(c.toAnswer);
  return c.items.filter((i) => want.has(i.itemId));
}
