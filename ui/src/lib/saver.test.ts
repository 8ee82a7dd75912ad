import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Saver, type SaveState } from './saver';

describe('Saver', () => {
  let saved: Array<[string, string]>;
  let states: SaveState['kind'][];
  let fail: string | null;
  let saver: Saver<string>;

  beforeEach(() => {
    vi.useFakeTimers();
    saved = [];
    states = [];
    fail = null;
    saver = new Saver<string>(
      async (key, value) => {
        if (fail === value) throw { code: 'invalid_input', message: 'refused' };
        saved.push([key, value]);
      },
      (s) => states.push(s.kind),
      500,
    );
  });

  afterEach(() => vi.useRealTimers());

  it('saves typing once, after a pause, with the latest value', async () => {
    saver.later('A', 'c');
    saver.later('A', 'co');
    saver.later('A', 'com');
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(499);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual([['A', 'com']]);
    expect(states.at(-1)).toBe('saved');
  });

  it('saves a click at once, after what was already waiting', async () => {
    saver.later('A', 'typed');
    await saver.now('B', 'clicked');
    expect(saved).toEqual([
      ['A', 'typed'],
      ['B', 'clicked'],
    ]);
  });

  it('flushes everything pending, e.g. before moving to another item', async () => {
    saver.later('A', 'x');
    saver.later('B', 'y');
    await saver.flush();
    expect(saved).toEqual([
      ['A', 'x'],
      ['B', 'y'],
    ]);
    expect(saver.has('A')).toBe(false);
  });

  it('reports a refused save and does not claim it saved', async () => {
    fail = 'bad';
    await saver.now('A', 'bad');
    expect(saved).toEqual([]);
    expect(states).toContain('error');
    expect(states.at(-1)).toBe('error');
  });

  it('forgets a value that was dropped before it was saved', async () => {
    saver.later('A', 'x');
    saver.drop('A');
    await vi.advanceTimersByTimeAsync(600);
    expect(saved).toEqual([]);
  });

  it('does not run two saves at the same time', async () => {
    let running = 0;
    let most = 0;
    const slow = new Saver<string>(
      async () => {
        running++;
        most = Math.max(most, running);
        await new Promise((r) => setTimeout(r, 10));
        running--;
      },
      () => {},
    );
    const a = slow.now('A', '1');
    const b = slow.now('B', '2');
    await vi.advanceTimersByTimeAsync(50);
    await Promise.all([a, b]);
    expect(most).toBe(1);
  });
});
