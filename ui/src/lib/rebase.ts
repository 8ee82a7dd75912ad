// What the rebase preview shows, from the plan the shell returns (the rules are the core's).

import type { LeftBehind, MoveKind, EditionRef, RebasePlan } from './bindings';

/** `PACK@VERSION`, the form the commands take. */
export function target(p: EditionRef): string {
  return `${p.id}@${p.version}`;
}

/** The kinds with at least one item, in the core's order, with their counts. */
export function shownCounts(plan: RebasePlan): Array<{ kind: MoveKind; items: number }> {
  return plan.counts.filter((c) => c.items > 0);
}

/** How many answers move, and how many of them must be confirmed. */
export function carriedSummary(plan: RebasePlan): { carried: number; confirm: number } {
  return {
    carried: plan.carried.length,
    confirm: plan.carried.filter((c) => c.confirm).length,
  };
}

/** The answers no item of the new edition takes, in the old pack's order. */
export function leftBehind(plan: RebasePlan): LeftBehind[] {
  return plan.leftBehind;
}
