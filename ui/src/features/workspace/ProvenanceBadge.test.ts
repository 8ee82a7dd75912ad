// The badge beside an item's reference says what the requirement rests on and, unless the
// reference is verified, how sure it is; in the UI language.
import { render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it } from 'vitest';
import type { Provenance } from '../../lib/bindings';
import { locale } from '../../lib/i18n.svelte';
import ProvenanceBadge from './ProvenanceBadge.svelte';

const national: Provenance = {
  basis: 'national-practice',
  programme: 'EU AEO Guidelines',
  confidence: 'unverified',
  note: 'Seen in the 2012 revision only.',
};

afterEach(() => {
  locale.lang = 'en';
});

describe('ProvenanceBadge', () => {
  it('names the programme of national practice and says the reference is not verified', () => {
    render(ProvenanceBadge, { provenance: national });
    const basis = screen.getByTestId('provenance-basis');
    expect(basis.textContent).toBe('National practice (EU AEO Guidelines)');
    expect(basis.getAttribute('title')).toBe('Seen in the 2012 revision only.');
    expect(screen.getByTestId('provenance-confidence').textContent).toBe('Reference not yet verified');
  });

  it('shows no confidence chip for a verified reference', () => {
    render(ProvenanceBadge, {
      provenance: { basis: 'safe', programme: null, confidence: 'verified', note: null },
    });
    expect(screen.getByTestId('provenance-basis').textContent).toBe('SAFE Framework');
    expect(screen.queryByTestId('provenance-confidence')).toBeNull();
  });

  it('speaks French when the UI does', () => {
    locale.lang = 'fr';
    render(ProvenanceBadge, { provenance: { ...national, confidence: 'partial' } });
    expect(screen.getByTestId('provenance-basis').textContent).toBe('Pratique nationale (EU AEO Guidelines)');
    expect(screen.getByTestId('provenance-confidence').textContent).toBe('Référence partiellement vérifiée');
  });

  it('shows nothing for a format 1 pack', () => {
    render(ProvenanceBadge, { provenance: null });
    expect(screen.queryByTestId('provenance')).toBeNull();
  });
});
