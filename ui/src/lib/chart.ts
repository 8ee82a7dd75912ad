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
    score: g.score.score,
    completion: g.score.completion,
  };
}

/** Bars for the groups at one depth of the tree (0: pillars, parts or AEO sections). */
export function groupBars(card: Scorecard, depth: number): Bar[] {
  return card.groups.filter((g) => g.depth === depth && g.score.applicable > 0).map(bar);
}
