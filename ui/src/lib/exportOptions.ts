// Choices of the export dialog that do not depend on the page.

import type { AssessmentSummary } from './bindings';

/** Whether a report format can show the progress since an earlier assessment: every report but
 * CSV (the gap register only) and the .safeassess file (not a report). */
export function showsProgress(format: string): boolean {
  return format === 'pdf' || format === 'html' || format === 'xlsx' || format === 'json';
}

/** The earlier assessment a report compares with unless the user chooses: the one this
 * assessment was duplicated from, when it is still there; otherwise none. */
export function defaultBaseline(basedOn: string | null, peers: AssessmentSummary[]): string | null {
  return basedOn !== null && peers.some((p) => p.id === basedOn) ? basedOn : null;
}
