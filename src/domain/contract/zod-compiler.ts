/** zod's schema compiler alone, so `fast-check.ts` can load it lazily without pulling all of zod's core into a chunk of its own. */
export { compile } from 'zod/v4/core';
