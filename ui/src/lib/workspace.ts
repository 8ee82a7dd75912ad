// The workspace's logic, free of Svelte and Tauri: the order of items, filters, search, and
// moving to the next or previous item.

import type { Answer, AnswerInput, Group, Item, Pack, Status } from './bindings';

/** An item with the groups above it, top first. */
export interface Entry {
  item: Item;
  path: Group[];
}

export type Filter = 'all' | 'unanswered' | 'gaps' | 'flagged';

/** A group's short label: its code, else its id (as `Group::label` in the core). */
export function groupLabel(g: Group): string {
  return g.code ?? g.id;
}

/** A group's items (a pack leaves an empty list out). */
export function itemsOf(g: Group): Item[] {
  return g.items ?? [];
}

/** A group's child groups (a pack leaves an empty list out). */
export function groupsOf(g: Group): Group[] {
  return g.groups ?? [];
}

/** An answer's editable fields, as saving sends them. */
export function inputOf(a: Answer): AnswerInput {
  const { status, justification, comment, owner, targetDate, priority, flagged } = a;
  return { status, justification, comment, owner, targetDate, priority, flagged };
}

/** Every item in catalogue order, with its path. */
export function entries(pack: Pack): Entry[] {
  const out: Entry[] = [];
  const walk = (g: Group, path: Group[]) => {
    const here = [...path, g];
    for (const item of itemsOf(g)) out.push({ item, path: here });
    for (const c of groupsOf(g)) walk(c, here);
  };
  for (const g of pack.groups) walk(g, []);
  return out;
}

/** A gap: not met, partially met, or not answered (as the core's scoring counts gaps). */
export function isGap(answer: Answer | undefined): boolean {
  return !answer || answer.status === 'not-met' || answer.status === 'partially-met';
}

function normalise(s: string): string {
  return s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
}

/** Whether an item matches a search: every word must appear in its id, title, requirement,
 * guidance, evidence examples, or the answer's comment, justification or owner. */
export function matches(item: Item, answer: Answer | undefined, query: string): boolean {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = normalise(
    [
      item.id,
      item.title,
      item.requirement,
      item.guidance,
      item.reference,
      ...item.evidence,
      answer?.comment ?? '',
      answer?.justification ?? '',
      answer?.owner ?? '',
    ].join('\n'),
  );
  return words.every((w) => text.includes(w));
}

/** The entries that pass a filter and a search. */
export function visible(
  all: Entry[],
  answers: Map<string, Answer>,
  filter: Filter,
  query: string,
): Entry[] {
  return all.filter(({ item }) => {
    const a = answers.get(item.id);
    const pass =
      filter === 'all' ||
      (filter === 'unanswered' && !a) ||
      (filter === 'gaps' && isGap(a)) ||
      (filter === 'flagged' && !!a?.flagged);
    return pass && matches(item, a, query);
  });
}

/** The id of the item after (dir 1) or before (dir -1) `current` in `list`; the first or last
 * when `current` is not in the list; null at either end or for an empty list. */
export function step(list: Entry[], current: string | null, dir: 1 | -1): string | null {
  if (list.length === 0) return null;
  const i = current === null ? -1 : list.findIndex((e) => e.item.id === current);
  if (i < 0) return (dir === 1 ? list[0] : list[list.length - 1])?.item.id ?? null;
  return list[i + dir]?.item.id ?? null;
}

/** An empty answer with a status, to start from. */
export function blankInput(status: Status): AnswerInput {
  return {
    status,
    justification: '',
    comment: '',
    owner: '',
    targetDate: null,
    priority: null,
    flagged: false,
  };
}

/** Why an answer cannot be saved as it is (a translation key), or null when it can. */
export function refusal(item: Item, input: AnswerInput): string | null {
  if (input.status === 'not-applicable') {
    if (item.mandatory) return 'answer.mandatoryNa';
    if (input.justification.trim() === '') return 'answer.justificationNeeded';
  }
  return null;
}

/** Status for keys 1 to 4. */
export const STATUS_KEYS: Record<string, Status> = {
  '1': 'met',
  '2': 'partially-met',
  '3': 'not-met',
  '4': 'not-applicable',
};

export const STATUSES: Status[] = ['met', 'partially-met', 'not-met', 'not-applicable'];
