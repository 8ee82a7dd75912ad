// The "newer edition" banner and its preview: shown only when the shell offers a newer pack,
// counts per kind, every answer left behind listed, and the move made only on confirm.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { EditionRef, RebasePlan } from '../lib/bindings';
import RebaseBanner from './RebaseBanner.svelte';
import { carriedSummary, shownCounts, target } from '../lib/rebase';

const plan: RebasePlan = {
  assessmentId: 'a1',
  from: { id: 'safe2021-aeo', version: '1.0.0' },
  to: { id: 'safe2025-aeo', version: '1.0.0' },
  via: [],
  moves: [],
  carried: [
    { from: 'AEO.A.01', to: 'AEO.A.01', confirm: false },
    { from: 'AEO.G.05', to: 'AEO.G.05', confirm: true },
    { from: 'AEO.G.05', to: 'AEO.G.14', confirm: true },
  ],
  leftBehind: [
    {
      itemId: 'AEO.X.09',
      answer: {
        status: 'not-met',
        justification: '',
        comment: 'no register yet',
        owner: '',
        targetDate: null,
        priority: null,
        flagged: false,
      },
      evidence: [],
    },
  ],
  links: {},
  counts: [
    { kind: 'kept', items: 95 },
    { kind: 'renamed', items: 0 },
    { kind: 'changed', items: 1 },
    { kind: 'split', items: 1 },
    { kind: 'merged', items: 0 },
    { kind: 'new', items: 7 },
    { kind: 'withdrawn', items: 1 },
  ],
};

let offer: EditionRef | null = null;
const rebaseApply = vi.fn(async () => plan);
const rebasePreview = vi.fn(async () => plan);

vi.mock('../lib/api', () => ({
  toApiError: (e: unknown) => e,
  api: {
    rebaseOffer: vi.fn(async () => offer),
    rebasePreview: (...a: unknown[]) => rebasePreview(...(a as [])),
    rebaseApply: (...a: unknown[]) => rebaseApply(...(a as [])),
  },
}));

beforeEach(() => {
  rebaseApply.mockClear();
  rebasePreview.mockClear();
});

describe('rebase helpers', () => {
  it('names the target and keeps only the kinds that have items', () => {
    expect(target(plan.to)).toBe('safe2025-aeo@1.0.0');
    expect(shownCounts(plan).map((c) => c.kind)).toEqual([
      'kept',
      'changed',
      'split',
      'new',
      'withdrawn',
    ]);
    expect(carriedSummary(plan)).toEqual({ carried: 3, confirm: 2 });
  });
});

describe('newer edition banner', () => {
  it('is not shown when the assessment is on the current edition', async () => {
    offer = null;
    render(RebaseBanner, { assessmentId: 'a1', onmoved: () => {} });
    await Promise.resolve();
    expect(screen.queryByTestId('rebase-banner')).toBeNull();
  });

  it('previews the move, lists the answer left behind, and moves only on confirm', async () => {
    offer = { id: 'safe2025-aeo', version: '1.0.0' };
    const onmoved = vi.fn();
    render(RebaseBanner, { assessmentId: 'a1', onmoved });
    const banner = await screen.findByTestId('rebase-banner');
    expect(banner.textContent).toContain('A newer edition of this checklist is available');
    await fireEvent.click(screen.getByTestId('rebase-open'));
    const counts = await screen.findByTestId('rebase-counts');
    expect(rebasePreview).toHaveBeenCalledWith('a1', 'safe2025-aeo@1.0.0');
    expect(counts.querySelector('[data-kind="withdrawn"] td')?.textContent).toBe('1');
    expect(counts.querySelector('[data-kind="renamed"]')).toBeNull();
    expect(screen.getByTestId('rebase-left').textContent).toContain('AEO.X.09');
    expect(screen.getByTestId('rebase-left').textContent).toContain('no register yet');
    expect(rebaseApply).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('rebase-confirm'));
    await waitFor(() => expect(onmoved).toHaveBeenCalled());
    expect(rebaseApply).toHaveBeenCalledWith('a1', 'safe2025-aeo@1.0.0');
  });
});
