import { describe, expect, it } from 'vitest';
import type { PackSummary } from './bindings';
import { catalogueRows } from './catalogues';

function pack(id: string, over: Partial<PackSummary> = {}): PackSummary {
  return {
    id,
    title: id,
    edition: 'e',
    version: '1.0.0',
    profile: 'trader',
    items: 3,
    origin: 'builtin',
    format: 2,
    languages: ['en'],
    supersededBy: null,
    tiers: [],
    ...over,
  };
}

describe('the catalogue list', () => {
  it('puts built-in packs first, own packs next, superseded ones after their kind', () => {
    const rows = catalogueRows([
      pack('own', { origin: '/c/own.json' }),
      pack('safe2021', { supersededBy: 'safe2025' }),
      pack('safe2025'),
      pack('eu'),
    ]);
    expect(rows.map((r) => `${r.pack.id}:${r.kind}`)).toEqual([
      'safe2025:builtin',
      'eu:builtin',
      'safe2021:builtin',
      'own:own',
    ]);
  });
});
