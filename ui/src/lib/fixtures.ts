// Small, hand-made data for the UI's unit tests.
import type { Answer, AnswerInput, Item, Pack, Status } from './bindings';
import { blankInput } from './workspace';

export function item(id: string, over: Partial<Item> = {}): Item {
  return {
    id,
    title: `Title of ${id}`,
    requirement: `Requirement of ${id}`,
    guidance: `Guidance of ${id}`,
    shortfall: '',
    evidence: [],
    reference: 'SAFE 2021',
    criticality: 'major',
    mandatory: false,
    aim: 'prevent-exploitation',
    ...over,
  };
}

export function input(status: Status, over: Partial<AnswerInput> = {}): AnswerInput {
  return { ...blankInput(status), ...over };
}

export function answer(itemId: string, status: Status, over: Partial<AnswerInput> = {}): Answer {
  return {
    itemId,
    ...input(status, over),
    carriedOver: false,
    updatedAt: '2026-11-27T10:00:00Z',
    updatedBy: 'ana',
    evidence: [],
  };
}

/** Two sections: A with A.1 and A.2, B with a sub-group B.X holding B.1, and B.2 directly. */
export function pack(): Pack {
  const group = (id: string, items: Item[], groups: Pack['groups'] = []) => ({
    id,
    kind: 'section' as const,
    code: null,
    title: `Section ${id}`,
    summary: '',
    reference: '',
    groups,
    items,
  });
  return {
    format: 2,
    id: 'p',
    title: 'Pack',
    edition: '2021',
    date: '2021-06-01',
    version: '1.0.0',
    profile: 'trader',
    source: 'test',
    groups: [
      group('A', [item('A.1', { mandatory: true }), item('A.2', { title: 'Sécurité du fret' })]),
      group('B', [item('B.2')], [group('B.X', [item('B.1')])]),
    ],
  };
}
