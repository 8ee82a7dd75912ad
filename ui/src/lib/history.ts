// What changed between two versions of an answer, field by field, for the history view.

import type { AnswerInput } from './bindings';
import { answerFields, type AnswerField } from './share';

export interface Change {
  field: AnswerField;
  from: string | null;
  to: string | null;
}

function text(v: unknown): string | null {
  if (v === null || v === undefined || v === '' || v === false) return null;
  return String(v);
}

/** The fields that differ, in a fixed order; empty values are null. */
export function changes(old: AnswerInput | null, next: AnswerInput | null): Change[] {
  const out: Change[] = [];
  for (const field of answerFields) {
    const from = text(old?.[field]);
    const to = text(next?.[field]);
    if (from !== to) out.push({ field, from, to });
  }
  return out;
}
