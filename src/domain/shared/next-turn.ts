/**
 * Gives the page a turn (input, paint) before going on: `scheduler.yield` where the browser has it, else a
 * new task. Long work on the page's thread (a province's scorecard, a million figures taken over from a
 * worker) runs in slices with one of these between them.
 */
export function nextTurn(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (scheduler?.yield) return scheduler.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}
