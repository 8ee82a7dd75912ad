// Work that must finish before the window closes (answers typed in the last half second).
// Screens register a flush function while they are shown; the app runs them all on close.

const flushers = new Set<() => Promise<void>>();

/** Registers `flush`; returns the function that removes it again. */
export function onBeforeClose(flush: () => Promise<void>): () => void {
  flushers.add(flush);
  return () => flushers.delete(flush);
}

/** Runs every registered flush; failures are left to the screens, which show them. */
export async function flushAll(): Promise<void> {
  await Promise.allSettled([...flushers].map((f) => f()));
}
