import { describe, expect, it } from 'vitest';
import en from '../locales/en.json';
import fr from '../locales/fr.json';
import type { AssessmentSummary } from './bindings';
import type { PackChoice } from './bindings-desktop';
import { defaultPack, keepTiers, missing, packsFor, sourcesFor } from './newAssessment';

function choice(id: string, over: Partial<PackChoice> = {}): PackChoice {
  return {
    id,
    title: `Pack ${id}`,
    version: '1.0.0',
    edition: `Edition of ${id}`,
    profile: 'trader',
    origin: 'builtin',
    tiers: [],
    supersededBy: null,
    isDefault: false,
    crosswalks: [],
    ...over,
  };
}

const tier = (id: string) => ({ id, name: id.toUpperCase(), description: `Tier ${id}` });

const packs: PackChoice[] = [
  choice('safe2021-aeo', { supersededBy: 'safe2025-aeo' }),
  choice('safe-customs', { profile: 'customs', isDefault: true }),
  choice('own-aeo', { origin: '/home/u/catalogue/own-aeo.json' }),
  choice('safe2025-aeo', { isDefault: true, crosswalks: ['eu-aeo-ucc'] }),
  choice('eu-aeo-ucc', { tiers: [tier('aeoc'), tier('aeos')], crosswalks: ['safe2025-aeo'] }),
];

function summary(id: string, packId: string, profile: 'trader' | 'customs' = 'trader'): AssessmentSummary {
  return {
    id,
    title: `Assessment ${id}`,
    profile,
    roles: ['importer'],
    organisation: 'Acme',
    country: 'FR',
    identifiers: '',
    assessors: '',
    scope: '',
    packId,
    packVersion: '1.0.0',
    createdAt: '2026-11-27T10:00:00Z',
    updatedAt: '2026-11-27T10:00:00Z',
    basedOn: null,
    tiers: [],
    applicable: 10,
    answered: 3,
    completion: 30,
  } as AssessmentSummary;
}

describe('the pack picker', () => {
  it('lists the packs of the profile: the default first, built-in, own, superseded last', () => {
    expect(packsFor(packs, 'trader').map((p) => p.id)).toEqual([
      'safe2025-aeo',
      'eu-aeo-ucc',
      'own-aeo',
      'safe2021-aeo',
    ]);
    expect(packsFor(packs, 'customs').map((p) => p.id)).toEqual(['safe-customs']);
  });

  it('preselects the default pack of the profile', () => {
    expect(defaultPack(packs, 'trader')).toBe('safe2025-aeo');
    expect(defaultPack(packs, 'customs')).toBe('safe-customs');
    expect(defaultPack([], 'customs')).toBeNull();
  });
});

describe('tiers and what is missing', () => {
  const eu = packs.find((p) => p.id === 'eu-aeo-ucc');
  const safe = packs.find((p) => p.id === 'safe2025-aeo');

  it('keeps only the tiers the pack declares, in its order', () => {
    expect(keepTiers(eu, ['aeos', 'nope', 'aeoc'])).toEqual(['aeoc', 'aeos']);
    expect(keepTiers(safe, ['aeos'])).toEqual([]);
  });

  it('asks for a tier when the pack declares tiers, and not otherwise', () => {
    expect(missing('trader', eu, ['importer'], [])).toBe('new.chooseTier');
    expect(missing('trader', eu, ['importer'], ['aeos'])).toBeNull();
    expect(missing('trader', safe, ['importer'], [])).toBeNull();
  });

  it('asks in order: profile, pack, roles, tiers', () => {
    expect(missing(null, eu, [], [])).toBe('new.chooseProfile');
    expect(missing('customs', eu, [], [])).toBe('new.choosePack');
    expect(missing('trader', undefined, [], [])).toBe('new.choosePack');
    expect(missing('trader', eu, [], ['aeos'])).toBe('new.chooseRole');
  });

  it('has every message it can give in both languages', () => {
    for (const key of ['new.chooseProfile', 'new.choosePack', 'new.chooseRole', 'new.chooseTier']) {
      expect(en).toHaveProperty([key]);
      expect(fr).toHaveProperty([key]);
    }
  });
});

describe('start from an existing assessment', () => {
  it('offers the assessments of the same profile on a pack linked to the chosen one', () => {
    const list = [
      summary('a', 'safe2025-aeo'),
      summary('b', 'eu-aeo-ucc'),
      summary('c', 'safe-customs', 'customs'),
      summary('d', 'own-aeo'),
    ];
    const eu = packs.find((p) => p.id === 'eu-aeo-ucc');
    expect(sourcesFor(list, eu).map((s) => s.id)).toEqual(['a']);
    const safe = packs.find((p) => p.id === 'safe2025-aeo');
    expect(sourcesFor(list, safe).map((s) => s.id)).toEqual(['b']);
    expect(sourcesFor(list, undefined)).toEqual([]);
  });
});
