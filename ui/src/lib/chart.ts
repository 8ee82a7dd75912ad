// Data for the dashboard's bar charts, built from the scorecard.

import type { GroupScore, Scorecard } from './bindings';

export interface Bar {
  id: string;
  label: string;
  title: string;
  score: number | null;
  completion: number;
}

function bar(g: GroupScore): Bar {
  return {
    id: g.id,
    label: g.label,
    title: g.title,
    score: g.score,
    completion: g.completion,
  };
}

/** Bars for the groups at one depth of the tree (0: pillars, parts or AEO sections). */
export function groupBars(card: Scorecard, depth: number): Bar[] {
  return card.groups.filter((g) => g.depth === depth && g.applicable > 0).map(bar);
}

/** The label of a bar as one line that fits the chart's label column: the group's number, then
 * as much of its title as fits, cut at a word where possible. The number is never cut. */
export function barLabel(b: Pick<Bar, 'label' | 'title'>, max = 28): string {
  const full = b.label ? `${b.label} ${b.title}` : b.title;
  if (full.length <= max) return full;
  const room = max - 1;
  const cut = full.slice(0, room);
  const space = cut.lastIndexOf(' ');
  const keep = space > b.label.length + 8 ? cut.slice(0, space) : cut;
  // No comma or colon left hanging before the ellipsis.
  return keep.trimEnd().replace(/[,;:]+$/, '') + '…';
}
