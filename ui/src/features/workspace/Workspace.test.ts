// The workspace against a stand-in for the Tauri commands: keys, the not-applicable rule,
// filters and search, as a user drives them.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnswerInput } from '../../lib/bindings';
import type { AppInfo, Progress, Saved, Workspace as Ws } from '../../lib/bindings-desktop';
import { answer, pack } from '../../lib/fixtures';

const progress: Progress = {
  overall: {
    score: null,
    completion: 0,
    applicable: 4,
    answered: 0,
    met: 0,
    partiallyMet: 0,
    notMet: 0,
    notApplicable: 0,
    unanswered: 4,
  },
  groups: [],
};

const calls: Array<[string, string, AnswerInput]> = [];

vi.mock('../../lib/api', () => ({
  toApiError: (e: unknown) => e,
  api: {
    openAssessment: vi.fn(
      async (): Promise<Ws> => ({
        assessment: {
          id: 'a1',
          title: 'Test',
          profile: 'trader',
          roles: ['importer'],
          organisation: '',
          country: '',
          identifiers: '',
          assessors: '',
          scope: '',
          packId: 'p',
          packVersion: '1.0.0',
          createdAt: '2026-11-27T10:00:00Z',
          updatedAt: '2026-11-27T10:00:00Z',
          basedOn: null,
        },
        pack: pack(),
        answers: [answer('A.1', 'met', { comment: 'fire drill log kept' })],
        evidence: [],
        progress,
        linked: null,
      }),
    ),
    saveAnswer: vi.fn(async (id: string, itemId: string, input: AnswerInput): Promise<Saved> => {
      calls.push([id, itemId, input]);
      return { answer: { ...answer(itemId, input.status), ...input }, progress };
    }),
    itemHistory: vi.fn(async () => []),
    crosswalkTargets: vi.fn(async () => []),
    onDragHover: vi.fn(async () => () => {}),
    onFilesDropped: vi.fn(async () => () => {}),
  },
}));

const { default: Workspace } = await import('./Workspace.svelte');

const info = {
  userName: 'Ana',
  settings: { language: 'en', theme: 'system', userName: '' },
} as AppInfo;

async function shownItem(): Promise<string | undefined> {
  const view = await screen.findByTestId('item-view');
  return view.dataset.item;
}

describe('Workspace', () => {
  beforeEach(() => {
    calls.length = 0;
  });

  it('opens on the first unanswered item and saves a status chosen with a key', async () => {
    render(Workspace, { props: { id: 'a1', info } });
    expect(await shownItem()).toBe('A.2');
    await fireEvent.keyDown(window, { key: '2' });
    await waitFor(() => expect(calls).toHaveLength(1));
    expect(calls[0]?.[1]).toBe('A.2');
    expect(calls[0]?.[2].status).toBe('partially-met');
    expect(screen.getByTestId('status-partially-met').getAttribute('aria-pressed')).toBe('true');
  });

  it('moves with N and P', async () => {
    render(Workspace, { props: { id: 'a1', info } });
    expect(await shownItem()).toBe('A.2');
    await fireEvent.keyDown(window, { key: 'n' });
    expect(await shownItem()).toBe('B.2');
    await fireEvent.keyDown(window, { key: 'p' });
    await fireEvent.keyDown(window, { key: 'p' });
    expect(await shownItem()).toBe('A.1');
  });

  it('does not save not-applicable without a justification, and says why', async () => {
    render(Workspace, { props: { id: 'a1', info } });
    expect(await shownItem()).toBe('A.2');
    await fireEvent.click(screen.getByTestId('status-not-applicable'));
    expect((await screen.findByTestId('answer-refused')).textContent).toMatch(/justification/i);
    expect(calls).toHaveLength(0);
    const field = screen.getByTestId('justification');
    await fireEvent.input(field, { target: { value: 'No sea cargo at all' } });
    await waitFor(() => expect(calls).toHaveLength(1), { timeout: 2000 });
    expect(calls[0]?.[2]).toMatchObject({
      status: 'not-applicable',
      justification: 'No sea cargo at all',
    });
  });

  it('offers no not-applicable on a mandatory item', async () => {
    render(Workspace, { props: { id: 'a1', info, itemId: 'A.1' } });
    expect(await shownItem()).toBe('A.1');
    expect(screen.getByTestId('status-not-applicable').hasAttribute('disabled')).toBe(true);
    await fireEvent.keyDown(window, { key: '4' });
    expect(await screen.findByTestId('answer-refused')).toBeTruthy();
    expect(calls).toHaveLength(0);
  });

  it('filters to unanswered items and searches comments', async () => {
    render(Workspace, { props: { id: 'a1', info } });
    await shownItem();
    await fireEvent.click(screen.getByTestId('filter-unanswered'));
    const ids = () => screen.getAllByTestId('tree-item').map((e) => e.dataset.item);
    expect(ids()).toEqual(['A.2', 'B.2', 'B.1']);
    await fireEvent.click(screen.getByTestId('filter-all'));
    await fireEvent.input(screen.getByTestId('search'), { target: { value: 'drill' } });
    expect(ids()).toEqual(['A.1']);
  });
});
