import { describe, expect, it } from 'vitest';
import type { AssessmentSummary } from './bindings';
import type { MergeConflict, ShareCheck } from './bindings-desktop';
import { answer } from './fixtures';
import {
  allTo,
  choicesOf,
  defaultPeer,
  deltaDirection,
  differs,
  groupFingerprint,
  importOffer,
  peerLinks,
  signedDelta,
  unchosen,
} from './share';

function check(over: Partial<ShareCheck>): ShareCheck {
  return {
    path: '/tmp/a.safeassess',
    fileName: 'a.safeassess',
    integrity: 'intact',
    reason: null,
    signer: { organisation: 'Acme', name: 'Ana', fingerprint: '0123456789abcdef' },
    ownKey: false,
    manifest: null,
    mergeTargets: [],
    ...over,
  };
}

function summary(id: string, createdAt: string): AssessmentSummary {
  return {
    id,
    title: id,
    profile: 'trader',
    roles: [],
    organisation: 'Acme',
    country: '',
    identifiers: '',
    assessors: '',
    scope: '',
    packId: 'p',
    packVersion: '1',
    createdAt,
    updatedAt: createdAt,
    basedOn: null,
    applicable: 1,
    answered: 0,
    completion: 0,
  };
}

describe('import offer', () => {
  it('refuses a tampered file outright, even when it names a local copy', () => {
    const target = summary('a', '2026-01-01T00:00:00Z');
    const o = importOffer(check({ integrity: 'tampered', mergeTargets: [target] }));
    expect(o).toEqual({ canImport: false, needsConsent: false, canMerge: false });
  });
  it('asks for consent before importing an unsigned file', () => {
    expect(importOffer(check({ integrity: 'unsigned' })).needsConsent).toBe(true);
    expect(importOffer(check({})).needsConsent).toBe(false);
  });
  it('offers a merge only for a copy of a local assessment', () => {
    expect(importOffer(check({})).canMerge).toBe(false);
    const target = summary('a', '2026-01-01T00:00:00Z');
    expect(importOffer(check({ mergeTargets: [target] })).canMerge).toBe(true);
  });
  it('groups fingerprints by four digits', () => {
    expect(groupFingerprint('0123456789abcdef')).toBe('0123 4567 89ab cdef');
  });
});

describe('merge choices', () => {
  const conflicts: MergeConflict[] = ['A.1', 'A.2'].map((itemId) => ({
    itemId,
    title: itemId,
    mine: answer(itemId, 'met'),
    theirs: answer(itemId, 'not-met', { comment: 'no' }),
  }));

  it('lists the conflicts without a choice and sends only complete choices', () => {
    expect(unchosen(conflicts, {})).toEqual(['A.1', 'A.2']);
    const chosen = { 'A.2': 'theirs' as const };
    expect(unchosen(conflicts, chosen)).toEqual(['A.1']);
    expect(choicesOf(conflicts, chosen)).toEqual([{ itemId: 'A.2', side: 'theirs' }]);
  });
  it('sets every conflict at once', () => {
    const mine = allTo(conflicts, 'mine');
    expect(unchosen(conflicts, mine)).toEqual([]);
    expect(choicesOf(conflicts, mine).map((c) => c.side)).toEqual(['mine', 'mine']);
  });
  it('marks the fields that differ', () => {
    const c = conflicts[0]!;
    expect(differs(c.mine, c.theirs, 'status')).toBe(true);
    expect(differs(c.mine, c.theirs, 'comment')).toBe(true);
    expect(differs(c.mine, c.theirs, 'owner')).toBe(false);
  });
});

describe('comparison', () => {
  const peers = [
    summary('newer', '2027-01-01T00:00:00Z'),
    summary('last-year', '2025-06-01T00:00:00Z'),
    summary('two-years', '2024-06-01T00:00:00Z'),
  ];
  it('starts from the assessment this one was duplicated from', () => {
    expect(defaultPeer({ basedOn: 'two-years', createdAt: '2026-06-01T00:00:00Z' }, peers)).toBe(
      'two-years',
    );
  });
  it('else from the newest older one, else any', () => {
    expect(defaultPeer({ basedOn: null, createdAt: '2026-06-01T00:00:00Z' }, peers)).toBe(
      'last-year',
    );
    expect(defaultPeer({ basedOn: null, createdAt: '2020-01-01T00:00:00Z' }, peers)).toBe('newer');
    expect(defaultPeer({ basedOn: null, createdAt: '2020-01-01T00:00:00Z' }, [])).toBeUndefined();
  });
  it('writes deltas with their sign as they are rounded', () => {
    expect(signedDelta(12.4)).toBe('+12');
    expect(signedDelta(-3.2)).toBe('−3');
    expect(signedDelta(0.3)).toBe('0');
    expect(signedDelta(null)).toBe('–');
    expect(deltaDirection(0.4)).toBe('flat');
    expect(deltaDirection(-0.6)).toBe('down');
    expect(deltaDirection(5)).toBe('up');
  });
});

describe('dashboard links', () => {
  it('offers nothing for an assessment alone', () => {
    expect(peerLinks(0)).toEqual({ compare: false, trend: null });
  });
  it('offers the comparison from one other assessment', () => {
    expect(peerLinks(1)).toEqual({ compare: true, trend: null });
  });
  it('offers the trend from three assessments, counting this one', () => {
    expect(peerLinks(2)).toEqual({ compare: true, trend: 3 });
    expect(peerLinks(9)).toEqual({ compare: true, trend: 10 });
  });
});
