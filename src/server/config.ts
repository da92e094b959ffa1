import { PROVINCE_BATCH_BYTES } from '@/domain/contract/contract-values';

/**
 * The server's configuration, from environment variables (docs/server.md
 * lists them). Every value is checked at start; a bad one stops the server
 * with a message naming the variable, rather than running half-configured.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';

export type ServerConfig = {
  port: number;
  host: string;
  /** The embedded database's folder (PGlite), used when `databaseUrl` is not set. */
  dataDir: string;
  databaseUrl?: string | undefined;
  targetsDir: string;
  sessionHours: number;
  trustProxy: boolean;
  demoData: boolean;
  logLevel: LogLevel;
  /** The built SPA (real API mode). */
  staticDir: string;
  /** The largest import batch body (`MAX_BATCH_MB`), in bytes. */
  maxBatchBytes: number;
};

/** The server's default limit on a batch body, in MiB: `PROVINCE_BATCH_BYTES` (256 MiB, a 1,000,000-figure import). */
export const SERVER_MAX_BATCH_MB = PROVINCE_BATCH_BYTES / (1024 * 1024);

export const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

type Env = Readonly<Record<string, string | undefined>>;

export type ConfigResult = { ok: true; config: ServerConfig } | { ok: false; problems: string[] };

/** Reads the configuration; `defaults.staticDir` is where the build put the SPA (known to the entry point). */
export function readConfig(env: Env, defaults: { staticDir: string }): ConfigResult {
  const problems: string[] = [];
  const text = (name: string) => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const flag = (name: string) => {
    const value = text(name);
    if (value === undefined || value === '0' || value === 'false') return false;
    if (value === '1' || value === 'true') return true;
    problems.push(`${name}: 1 or 0, not ${JSON.stringify(value)}.`);
    return false;
  };
  const number = (name: string, fallback: number, check: (n: number) => boolean, what: string) => {
    const value = text(name);
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!/^\d+(\.\d+)?$/.test(value) || !check(n)) problems.push(`${name}: ${what}, not ${JSON.stringify(value)}.`);
    return n;
  };
  const port = number('PORT', 8080, (n) => Number.isInteger(n) && n >= 0 && n <= 65535, 'a port number (0–65535)');
  const sessionHours = number('SESSION_HOURS', 12, (n) => n > 0 && n <= 24 * 90, 'hours a session lasts (more than 0, at most 2160)');
  const maxBatchMb = number('MAX_BATCH_MB', SERVER_MAX_BATCH_MB, (n) => n >= 1 && n <= 1024, 'megabytes (1–1024)');
  const databaseUrl = text('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//i.test(databaseUrl)) problems.push('DATABASE_URL: a postgres:// or postgresql:// URL.');
  const logLevel = (text('LOG_LEVEL') ?? 'info').toLowerCase() as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL: one of ${LOG_LEVELS.join(', ')}, not ${JSON.stringify(text('LOG_LEVEL'))}.`);
  const config: ServerConfig = {
    port,
    host: text('HOST') ?? '127.0.0.1',
    dataDir: text('DATA_DIR') ?? './data',
    databaseUrl,
    targetsDir: text('TARGETS_DIR') ?? './targets',
    sessionHours,
    trustProxy: flag('TRUST_PROXY'),
    demoData: flag('DEMO_DATA'),
    logLevel,
    staticDir: text('STATIC_DIR') ?? defaults.staticDir,
    maxBatchBytes: Math.round(maxBatchMb * 1024 * 1024),
  };
  return problems.length > 0 ? { ok: false, problems } : { ok: true, config };
}
