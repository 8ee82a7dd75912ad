import { describe, expect, it } from 'vitest';
import { barLabel } from './chart';

describe('barLabel', () => {
  it('keeps a short label whole', () => {
    expect(barLabel({ label: 'A', title: 'Demonstrated compliance' })).toBe('A Demonstrated compliance');
  });

  it('never cuts the group number and ends a long title with an ellipsis at a word', () => {
    const l = barLabel({ label: 'A', title: 'Demonstrated compliance with Customs requirements' });
    expect(l.startsWith('A Demonstrated')).toBe(true);
    expect(l.endsWith('…')).toBe(true);
    expect(l.length).toBeLessThanOrEqual(28);
    expect(l).toBe('A Demonstrated compliance…');
  });

  it('leaves no punctuation hanging before the ellipsis', () => {
    expect(barLabel({ label: 'D', title: 'Consultation, Co-operation and Communication' })).toBe('D Consultation…');
  });

  it('cuts inside a very long word when there is no space to cut at', () => {
    const l = barLabel({ label: 'P1.S10', title: 'Supercalifragilisticexpialidocious' }, 20);
    expect(l).toBe('P1.S10 Supercalifra…');
  });

  it('works without a group number', () => {
    expect(barLabel({ label: '', title: 'Core elements' })).toBe('Core elements');
  });
});
