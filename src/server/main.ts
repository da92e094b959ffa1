import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { buildApp } from './app';
import { readConfig } from './config';
import { openDb } from './db';
import { createLogger, errorFields } from './log';

/**
 * The server process: configuration from the environment, the database
 * (PGlite in DATA_DIR, or DATABASE_URL), the app, and a graceful shutdown on
 * SIGINT/SIGTERM (stop accepting, let requests in flight finish, close the
 * database). Built to dist-server/node/main.js by `npm run server`.
 */
async function main(): Promise<void> {
  const started = performance.now();
  // The build puts the SPA beside this file's folder: dist-server/app next to dist-server/node.
  const read = readConfig(process.env, { staticDir: fileURLToPath(new URL('../app', import.meta.url)) });
  if (!read.ok) {
    for (const problem of read.problems) process.stderr.write(`Configuration: ${problem}\n`);
    process.exit(2);
  }
  const { config } = read;
  const log = createLogger(config.logLevel);
  const db = await openDb(config);
  log.info('database open', { database: db.kind, where: db.where, ms: Math.round(performance.now() - started) });
  const { app, backend } = await buildApp({ config, db, log });
  const [{ users }] = (await db.query<{ users: number }>('SELECT count(*)::int AS users FROM users')) as [{ users: number }];
  if (users === 0) log.warn('no users yet: add one with `npm run users -- add <name> --role admin` (the server must be stopped first when it uses the embedded database)');

  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    log.info('listening', {
      url: `http://${info.family === 'IPv6' ? `[${info.address}]` : info.address}:${info.port}`,
      batches: backend.batches.length,
      revision: backend.revision,
      demoData: config.demoData,
      startMs: Math.round(performance.now() - started),
    });
  });
  server.on('error', async (error) => {
    log.error('could not listen', { ...errorFields(error), host: config.host, port: config.port });
    await db.close();
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info('stopping: finishing requests in flight', { signal });
    const force = setTimeout(() => {
      log.warn('requests still open after 10 s: closing anyway');
      process.exit(1);
    }, 10_000);
    force.unref();
    server.close(async () => {
      try {
        await db.close();
        log.info('stopped');
        process.exit(0);
      } catch (error) {
        log.error('closing the database failed', errorFields(error));
        process.exit(1);
      }
    });
    // Idle keep-alive connections would hold close() open; busy ones finish their request first.
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(`The server could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
