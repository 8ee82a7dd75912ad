// The grid of checkboxes New assessment uses for roles and tiers.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import CheckChoices from './CheckChoices.svelte';

const options = [
  { id: 'aeoc', name: 'AEO Customs simplifications', description: 'Section 5' },
  { id: 'aeos', name: 'AEO Security and safety', description: 'Section 6' },
];

describe('CheckChoices', () => {
  it('shows each choice with its description, ticked as the group says, and ticks on click', async () => {
    render(CheckChoices, { props: { options, group: ['aeos'], testid: 'tier' } });
    const c = screen.getByTestId('tier-aeoc') as HTMLInputElement;
    const s = screen.getByTestId('tier-aeos') as HTMLInputElement;
    expect([c.checked, s.checked]).toEqual([false, true]);
    expect(c.closest('label')?.textContent).toContain('Section 5');
    await fireEvent.click(screen.getByText('AEO Customs simplifications'));
    expect(c.checked).toBe(true);
  });
});
