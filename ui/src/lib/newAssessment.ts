// The New assessment screen's choices: which packs it offers for a profile, which one is
// preselected, which assessments a new one can start from, and what is still missing.

import type { AssessmentSummary, Profile } from './bindings';
import type { PackChoice } from './bindings-desktop';

/** The packs of `profile`: the default first, then the other built-in ones, then the user's own,
 * superseded editions last (kept for assessments already started on them). */
export function packsFor(packs: PackChoice[], profile: Profile): PackChoice[] {
  const rank = (p: PackChoice) =>
    p.isDefault ? 0 : p.supersededBy ? 3 : p.origin === 'builtin' ? 1 : 2;
  return packs
    .map((p, i) => ({ p, i }))
    .filter(({ p }) => p.profile === profile)
    .sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i)
    .map(({ p }) => p);
}

/** The pack preselected for `profile`: the SAFE pack the core names as default. */
export function defaultPack(packs: PackChoice[], profile: Profile): string | null {
  return packs.find((p) => p.profile === profile && p.isDefault)?.id ?? null;
}

/** The assessments a new one on `pack` can start from: same profile, on a pack with a
 * crosswalk mapping to it, most recently changed first (as listed). */
export function sourcesFor(
  list: AssessmentSummary[],
  pack: PackChoice | undefined,
): AssessmentSummary[] {
  if (!pack) return [];
  return list.filter(
    (s) => s.profile === pack.profile && pack.crosswalks.includes(s.packId),
  );
}

/** Only the tiers the pack declares, in its order; none for a pack without tiers. */
export function keepTiers(pack: PackChoice | undefined, chosen: string[]): string[] {
  if (!pack) return [];
  return pack.tiers.map((t) => t.id).filter((id) => chosen.includes(id));
}

export type Missing = 'new.chooseProfile' | 'new.choosePack' | 'new.chooseRole' | 'new.chooseTier';

/** The first thing still to choose before the assessment can be created, as a message key. */
export function missing(
  profile: Profile | null,
  pack: PackChoice | undefined,
  roles: string[],
  tiers: string[],
): Missing | null {
  if (!profile) return 'new.chooseProfile';
  if (!pack || pack.profile !== profile) return 'new.choosePack';
  if (profile === 'trader' && roles.length === 0) return 'new.chooseRole';
  if (pack.tiers.length > 0 && keepTiers(pack, tiers).length === 0) return 'new.chooseTier';
  return null;
}
