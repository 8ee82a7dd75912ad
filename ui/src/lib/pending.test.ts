import { describe, expect, it } from 'vitest';
import { flushAll, onBeforeClose } from './pending';

describe('pending work before close', () => {
  it('runs every registered flush, even when one fails, and forgets removed ones', async () => {
    const ran: string[] = [];
    const offA = onBeforeClose(async () => {
      ran.push('a');
    });
    const offB = onBeforeClose(async () => {
      ran.push('b');
      throw new Error('disk full');
    });
    const offC = onBeforeClose(async () => {
      ran.push('c');
    });
    offC();
    await flushAll();
    expect(ran.sort()).toEqual(['a', 'b']);
    offA();
    offB();
  });
});
