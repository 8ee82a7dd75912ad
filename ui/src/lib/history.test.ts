import { describe, expect, it } from 'vitest';
import { input } from './fixtures';
import { changes } from './history';

describe('changes', () => {
  it('lists the fields that changed, empty values as null', () => {
    const c = changes(input('not-met'), input('met', { comment: 'done', flagged: true }));
    expect(c).toEqual([
      { field: 'status', from: 'not-met', to: 'met' },
      { field: 'comment', from: null, to: 'done' },
      { field: 'flagged', from: null, to: 'true' },
    ]);
  });

  it('treats a first answer as a change from nothing, and a clear as a change to nothing', () => {
    expect(changes(null, input('met'))).toEqual([{ field: 'status', from: null, to: 'met' }]);
    expect(changes(input('met', { owner: 'Ana' }), null)).toEqual([
      { field: 'status', from: 'met', to: null },
      { field: 'owner', from: 'Ana', to: null },
    ]);
  });
});
