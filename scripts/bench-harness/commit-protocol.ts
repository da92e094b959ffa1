/** The size of the generated province (scripts/bench/lib/province.mjs's `provinceTargetFile`). */
export type ProvinceSpec = { id: string; townships: number; counties: number; metrics: number };

/** What the commit benchmark's page asks its body worker (commit-worker.ts): make the figures, then serialise the batch. */
export type BodyRequest = { type: 'prepare'; province: ProvinceSpec; firstYear: number; count: number; fileName: string } | { type: 'body' };

/** The body worker's answers: figures made; the batch serialised as UTF-8 bytes, transferred (as the import worker's `batch-body` answer). */
export type BodyResponse = { type: 'prepared'; figures: number } | { type: 'body'; bytes: ArrayBuffer; figures: number } | { type: 'failed'; message: string };
