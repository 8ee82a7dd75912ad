// "Validation report…": the format, paper and language chosen are what the shell is asked for
// (customs for an application, the trader for an attached review); a cancelled save dialog
// leaves the choices shown, a written report shows its path; an error is shown as it is.
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { locale } from '../../lib/i18n.svelte';
import ValidationReportDialog from './ValidationReportDialog.svelte';

const validationReport = vi.fn();

vi.mock('../../lib/api', () => ({
  toApiError: (e: unknown) => e,
  api: { openExported: vi.fn(async () => null) },
  reviewApi: { validationReport: (...a: unknown[]) => validationReport(...a) },
}));

beforeEach(() => {
  validationReport.mockReset();
  locale.lang = 'en';
});

describe('the validation report dialog', () => {
  it('asks for the chosen format, paper and language, customs side', async () => {
    validationReport.mockResolvedValue({ path: '/tmp/Acme-validation-report.html', size: 2048 });
    render(ValidationReportDialog, { open: true, id: 'app-1', customs: true, onclose: () => {} });
    expect(screen.getByText(/The review of this application/)).toBeTruthy();
    await fireEvent.click(screen.getByTestId('validation-format-html'));
    await fireEvent.change(screen.getByTestId('validation-language'), { target: { value: 'fr' } });
    await fireEvent.change(screen.getByTestId('validation-paper'), { target: { value: 'letter' } });
    await fireEvent.click(screen.getByTestId('validation-run'));
    const done = await screen.findByTestId('validation-path');
    expect(done.textContent).toBe('/tmp/Acme-validation-report.html');
    expect(validationReport).toHaveBeenCalledWith('app-1', true, 'html', 'fr', 'letter', 'Save the validation report');
  });

  it('starts from the screen language, trader side; a cancelled dialog keeps the choices', async () => {
    locale.lang = 'fr';
    validationReport.mockResolvedValue(null);
    render(ValidationReportDialog, { open: true, id: 'a-1', customs: false, onclose: () => {} });
    expect(screen.getByText(/L'instruction de cette auto-évaluation/)).toBeTruthy();
    await fireEvent.click(screen.getByTestId('validation-run'));
    await waitFor(() => expect(validationReport).toHaveBeenCalled());
    expect(validationReport).toHaveBeenCalledWith('a-1', false, 'pdf', 'fr', 'a4', 'Enregistrer le rapport de validation');
    expect(screen.queryByTestId('validation-done')).toBeNull();
    expect(screen.getByTestId('validation-run')).toBeTruthy();
  });

  it('shows the error the shell sent', async () => {
    validationReport.mockRejectedValue({ code: 'not_found', message: "customs review for assessment 'a-1' not found" });
    render(ValidationReportDialog, { open: true, id: 'a-1', customs: false, onclose: () => {} });
    await fireEvent.click(screen.getByTestId('validation-run'));
    const err = await screen.findByTestId('validation-error');
    expect(err.textContent).toContain('not found');
  });
});
