import { describe, expect, it } from 'vitest';
import { defaultBaseline, showsProgress } from './exportOptions';
import type { AssessmentSummary } from './bindings';

const peer = (id: string) => ({ id }) as unknown as AssessmentSummary;

describe('export options', () => {
  it('offers progress in every report format but CSV and the assessment file', () => {
    expect(['pdf', 'html', 'xlsx', 'json'].every(showsProgress)).toBe(true);
    expect(showsProgress('csv')).toBe(false);
    expect(showsProgress('safeassess')).toBe(false);
  });

  it('compares a re-assessment with the assessment it was duplicated from', () => {
    expect(defaultBaseline('a', [peer('b'), peer('a')])).toBe('a');
  });

  it('compares with nothing when there is no such earlier assessment', () => {
    expect(defaultBaseline(null, [peer('a')])).toBeNull();
    expect(defaultBaseline('gone', [peer('a')])).toBeNull();
  });
});
