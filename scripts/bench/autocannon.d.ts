/**
 * The part of autocannon (9.x, plain JavaScript without types) that scripts/bench/lib/load.mjs uses:
 * a run bounded by `amount`, `stop()`, and a `response` event per answer.
 */
declare module 'autocannon' {
  type Options = {
    url: string;
    headers?: Record<string, string>;
    connections?: number;
    /** Stop after this many requests in all (instead of a duration). */
    amount?: number;
    /** Seconds before a request counts as timed out. */
    timeout?: number;
  };
  type Instance = {
    stop(): void;
    on(event: 'response', listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): Instance;
    on(event: 'reqError', listener: (error: Error) => void): Instance;
  };
  function autocannon(options: Options, done: (error: unknown, result: unknown) => void): Instance;
  export default autocannon;
}
