import * as z from 'zod';
import { describeIssues } from './api-contract';

/**
 * zod's ahead-of-time compiler (`z.compile`: the same results and the same
 * located issues, several times faster on long lists) is loaded apart from
 * the first page's JavaScript: it is 8 KB gzipped, and is only worth having
 * for large bodies. The import starts when this module is evaluated, so it
 * loads while the first requests are on their way; `compilerReady` settles
 * when it is there (or failed to load, which only means slower checks).
 */
let compile: (<S extends z.ZodType>(schema: S) => S) | undefined;
export const compilerReady: Promise<void> = import('./zod-compiler').then(
  (compiler) => {
    compile = compiler.compile;
  },
  () => undefined,
);

const compiledSchemas = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The schema compiled once, on first use after the compiler has loaded (until
 * then, the schema itself). Where `new Function` is not allowed (a strict
 * Content-Security-Policy) zod keeps its ordinary parser: never a failure,
 * only slower.
 */
export function compiled<S extends z.ZodType>(schema: S): S {
  // Under zod's `jitless` (a page whose Content-Security-Policy forbids generated code: see
  // `noGeneratedCode` in vite.config.ts) the compiler could not run: the ordinary parser checks alone.
  if (!compile || z.config().jitless) return schema;
  let fast = compiledSchemas.get(schema) as S | undefined;
  if (!fast) {
    fast = compile(schema);
    compiledSchemas.set(schema, fast);
  }
  return fast;
}

/**
 * Checks a body against the contract. The usual case, a valid body, costs one
 * boolean pass (`validate`) that builds nothing, and the body is returned as
 * received: fields the schema does not name stay on it, unread. Only a failing
 * body is parsed again, for the located issue. The schema must have no
 * defaults or transforms (its input type is its output type), or the body as
 * received would not be what the schema promises; the type says so.
 */
export function checkBody<T>(schema: z.ZodType<T, T>, body: unknown): { ok: true; value: T } | { ok: false; message: string } {
  const fast = compiled(schema);
  if (fast.validate(body)) return { ok: true, value: body };
  const parsed = fast.safeParse(body);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: describeIssues(parsed.error) };
}
