/** Main-thread long tasks in the bench harness pages (harness.ts, commit.ts). */

export type LongTask = { start: number; duration: number };

/** Records main-thread long tasks (≥ 50 ms) from now until `stop`, relative to `since`. */
export function watchLongTasks() {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ type: 'longtask', buffered: true });
  return {
    async stop(since: number): Promise<LongTask[]> {
      // Entries are reported after their task ends: let the last one arrive.
      await new Promise((resolve) => setTimeout(resolve, 100));
      entries.push(...observer.takeRecords());
      observer.disconnect();
      return entries
        .filter((e) => e.startTime + e.duration > since)
        .map((e) => ({ start: Math.round(e.startTime - since), duration: Math.round(e.duration) }));
    },
  };
}

/** Blocks the main thread for `ms` in one task and returns the long tasks seen: proves the observer works here. */
export async function checkLongTasks(ms: number): Promise<LongTask[]> {
  const longTasks = watchLongTasks();
  const started = performance.now();
  await new Promise<number>((resolve) =>
    setTimeout(() => {
      const end = performance.now() + ms;
      let spins = 0;
      while (performance.now() < end) spins += 1;
      resolve(spins);
    }, 0),
  );
  return longTasks.stop(started);
}
