// Settings -> Catalogues: the packs in the order the list shows them.

import type { PackSummary } from './bindings';

export type PackKind = 'builtin' | 'own';

export interface CatalogueRow {
  pack: PackSummary;
  kind: PackKind;
}

/** Built-in packs first, then the user's own; current editions before superseded ones; the
 * catalogue's own order otherwise. */
export function catalogueRows(packs: PackSummary[]): CatalogueRow[] {
  const kind = (p: PackSummary): PackKind => (p.origin === 'builtin' ? 'builtin' : 'own');
  const rank = (p: PackSummary) => (kind(p) === 'builtin' ? 0 : 2) + (p.supersededBy ? 1 : 0);
  return packs
    .map((pack, i) => ({ pack, i }))
    .sort((a, b) => rank(a.pack) - rank(b.pack) || a.i - b.i)
    .map(({ pack }) => ({ pack, kind: kind(pack) }));
}
