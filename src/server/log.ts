import type { LogLevel } from './config';

/**
 * Structured logs: one JSON object per line (time, level, message, fields),
 * for journald, Docker or any log collector. Callers pass only what may be
 * logged: never a password, a cookie or a session token.
 */
export type Fields = Record<string, unknown>;
export type Logger = Record<Exclude<LogLevel, 'silent'>, (message: string, fields?: Fields) => void>;

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 };

/** An error as loggable fields: its message and, for the log only (never a response), its stack. */
export function errorFields(error: unknown): Fields {
  return error instanceof Error ? { error: error.message, stack: error.stack } : { error: String(error) };
}

export function createLogger(level: LogLevel, write: (line: string) => void = (line) => process.stdout.write(`${line}\n`)): Logger {
  const at = (name: Exclude<LogLevel, 'silent'>) => (message: string, fields: Fields = {}) => {
    if (RANK[name] < RANK[level]) return;
    write(JSON.stringify({ time: new Date().toISOString(), level: name, msg: message, ...fields }));
  };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
