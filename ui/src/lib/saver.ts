// Saves answers as the user works: a status click at once, typing after a short pause, and
// everything pending before moving on. Saves run one at a time, in order; the latest value of
// each item wins. There is no save button to forget.

import type { ErrorCode } from './bindings';

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved' }
  | { kind: 'error'; code: ErrorCode; message: string };

export class Saver<V> {
  private pending = new Map<string, V>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;

  constructor(
    private readonly save: (key: string, value: V) => Promise<void>,
    private readonly onState: (state: SaveState) => void,
    private readonly delay = 500,
  ) {}

  /** Saves `value` for `key` after a pause in typing. */
  later(key: string, value: V): void {
    this.pending.set(key, value);
    this.onState({ kind: 'pending' });
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), this.delay);
  }

  /** Saves `value` for `key` now (after what is already being saved). */
  now(key: string, value: V): Promise<void> {
    this.pending.set(key, value);
    return this.flush();
  }

  /** Forgets an unsaved value (the user changed their mind before it was saved). */
  drop(key: string): void {
    this.pending.delete(key);
  }

  /** Whether a value for `key` is waiting to be saved. */
  has(key: string): boolean {
    return this.pending.has(key);
  }

  /** Saves everything pending; resolves when all of it is saved or failed. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    while (this.running) await this.running;
    if (this.pending.size === 0) return;
    this.running = this.drain();
    try {
      await this.running;
    } finally {
      this.running = null;
    }
  }

  private async drain(): Promise<void> {
    let failed = false;
    while (this.pending.size > 0) {
      const [key, value] = this.pending.entries().next().value as [string, V];
      this.pending.delete(key);
      this.onState({ kind: 'saving' });
      try {
        await this.save(key, value);
      } catch (e) {
        failed = true;
        const err = e as { code?: ErrorCode; message?: string };
        this.onState({
          kind: 'error',
          code: err.code ?? 'internal',
          message: err.message ?? String(e),
        });
      }
    }
    if (!failed) this.onState({ kind: 'saved' });
  }
}
