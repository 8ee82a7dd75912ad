// The import dialog decides from the check what the user may do: a tampered file offers nothing
// but Close, an unsigned one is imported only after consent.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it, vi } from 'vitest';
import type { ShareCheck } from '../../lib/bindings-desktop';
import ImportDialog from './ImportDialog.svelte';

const importShare = vi.fn(async () => ({
  assessment: { id: 'new', title: 'Copy' },
  answers: 1,
  evidenceFiles: 0,
  evidenceWithheld: 0,
}));

vi.mock('../../lib/api', () => ({
  toApiError: (e: unknown) => e,
  api: { importShare: (...args: unknown[]) => importShare(...(args as [])) },
}));

function check(over: Partial<ShareCheck>): ShareCheck {
  return {
    path: '/home/ana/acme.safeassess',
    fileName: 'acme.safeassess',
    integrity: 'intact',
    reason: null,
    signer: { organisation: 'Acme', name: 'Bo', fingerprint: '0123456789abcdef' },
    ownKey: false,
    manifest: null,
    mergeTargets: [],
    ...over,
  };
}

describe('import dialog', () => {
  it('shows a tampered file in an alert and offers no import', () => {
    render(ImportDialog, {
      check: check({ integrity: 'tampered', reason: 'member assessment.json does not match' }),
      problem: null,
      onclose: () => {},
    });
    const verdict = screen.getByTestId('share-verdict');
    expect(verdict.getAttribute('role')).toBe('alert');
    expect(verdict.textContent).toContain('TAMPERED');
    expect(screen.queryByTestId('share-import')).toBeNull();
    expect(screen.getByTestId('share-signer-fingerprint').textContent).toBe('0123 4567 89ab cdef');
  });

  it('imports an unsigned file only after consent, saying so', async () => {
    render(ImportDialog, { check: check({ integrity: 'unsigned', signer: null }), problem: null, onclose: () => {} });
    const button = screen.getByTestId('share-import') as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('share-consent'));
    expect(button.disabled).toBe(false);
    await fireEvent.click(button);
    expect(importShare).toHaveBeenCalledWith('/home/ana/acme.safeassess', true);
  });
});
