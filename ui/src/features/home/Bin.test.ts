// The bin on the home screen: "Bin (N)" only when something is in it, each deleted assessment
// with when it was deleted, and Restore brings it back and tells the home list.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeletedAssessment } from '../../lib/bindings';
import Bin from './Bin.svelte';

function deleted(id: string, title: string, deletedAt: string): DeletedAssessment {
  return {
    id,
    title,
    deletedAt,
    profile: 'trader',
    roles: ['importer'],
    organisation: 'Acme',
    country: 'KE',
    identifiers: '',
    assessors: '',
    scope: '',
    packId: 'safe2025-aeo',
    packVersion: '1.0.0',
    createdAt: '2026-05-01T08:00:00Z',
    updatedAt: '2026-05-01T08:00:00Z',
    basedOn: null,
    tiers: [],
  };
}

let inBin: DeletedAssessment[] = [];
const listDeletedAssessments = vi.fn(async () => inBin);
const restoreAssessment = vi.fn(async (id: string) => {
  inBin = inBin.filter((d) => d.id !== id);
  return { id };
});

vi.mock('../../lib/api', () => ({
  toApiError: (e: unknown) => e,
  api: {
    listDeletedAssessments: () => listDeletedAssessments(),
    restoreAssessment: (id: string) => restoreAssessment(id),
  },
}));

beforeEach(() => {
  listDeletedAssessments.mockClear();
  restoreAssessment.mockClear();
});

describe('bin', () => {
  it('shows no entry when the bin is empty', async () => {
    inBin = [];
    render(Bin, { changed: [], onrestored: () => {} });
    await vi.waitFor(() => expect(listDeletedAssessments).toHaveBeenCalled());
    expect(screen.queryByTestId('open-bin')).toBeNull();
  });

  it('lists the deleted assessments with their date and restores one', async () => {
    inBin = [
      deleted('b', 'Forwarder 2025', '2026-05-02T09:30:00Z'),
      deleted('a', 'Importer 2024', '2026-05-01T10:00:00Z'),
    ];
    const onrestored = vi.fn();
    render(Bin, { changed: [], onrestored });
    const open = await screen.findByTestId('open-bin');
    expect(open.textContent).toBe('Bin (2)');
    await fireEvent.click(open);
    const rows = screen.getAllByTestId('bin-row');
    expect(rows.map((r) => r.querySelector('strong')?.textContent)).toEqual([
      'Forwarder 2025',
      'Importer 2024',
    ]);
    expect(rows[0]?.textContent).toContain('Deleted ');
    expect(rows[0]?.textContent).toContain('2026');

    await fireEvent.click(screen.getByRole('button', { name: 'Restore “Importer 2024”' }));
    expect(restoreAssessment).toHaveBeenCalledWith('a');
    await vi.waitFor(() => expect(onrestored).toHaveBeenCalledTimes(1));
    expect(screen.getAllByTestId('bin-row')).toHaveLength(1);
    expect(screen.getByTestId('open-bin').textContent).toBe('Bin (1)');
  });
});
