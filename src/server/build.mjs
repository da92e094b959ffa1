// Builds what `npm run server` and `npm run users` run (Node 20 cannot run TypeScript):
//   dist-server/app/   the SPA in real API mode (VITE_API_MODE=real), served by the server;
//   dist-server/node/  the server (main.js) and the users CLI (users.js), a Vite SSR build that resolves
//                      the `@/` alias and leaves the npm packages to node_modules.
// Each part is skipped when its output is newer than every file it is built from (`--force` rebuilds).
// `--server-only` builds only the Node part (the users CLI needs no SPA). Progress goes to stderr.
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const out = join(root, 'dist-server');
const args = new Set(process.argv.slice(2));
const force = args.has('--force');

/** The newest modification time among these files and folders (recursively), in ms. */
function newest(paths, skip = () => false) {
  let max = 0;
  const visit = (path) => {
    if (!existsSync(path) || skip(path)) return;
    const stat = statSync(path);
    if (stat.isDirectory()) for (const name of readdirSync(path)) visit(join(path, name));
    else max = Math.max(max, stat.mtimeMs);
  };
  for (const path of paths) visit(join(root, path));
  return max;
}

const stampTime = (stamp) => (existsSync(stamp) ? statSync(stamp).mtimeMs : 0);
const say = (text) => process.stderr.write(`${text}\n`);

async function part(name, sources, stamp, run) {
  const changed = newest(sources.paths, sources.skip);
  if (!force && stampTime(stamp) > changed) return;
  say(`Building ${name}…`);
  const started = performance.now();
  await run();
  writeFileSync(stamp, `built ${new Date().toISOString()}\n`);
  say(`Built ${name} in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

const { build } = await import('vite');
const common = ['package.json', 'package-lock.json'];

if (!args.has('--server-only')) {
  const serverFolder = join(root, 'src', 'server');
  await part(
    'the web app (real API mode) into dist-server/app',
    { paths: ['src', 'public', 'index.html', 'vite.config.ts', 'scripts/parsed-target-files.ts', 'targets', ...common], skip: (path) => path.startsWith(serverFolder) },
    join(out, '.app-built'),
    async () => {
      process.env.VITE_API_MODE = 'real';
      await build({ root, configFile: join(root, 'vite.config.ts'), logLevel: 'warn', build: { outDir: join(out, 'app'), emptyOutDir: true } });
    },
  );
}

await part(
  'the server into dist-server/node',
  { paths: ['src/server', 'src/backend', 'src/domain', ...common] },
  join(out, '.node-built'),
  async () => {
    await build({
      root,
      configFile: false,
      publicDir: false,
      logLevel: 'warn',
      resolve: { alias: { '@': join(root, 'src') } },
      build: {
        ssr: true,
        target: 'node20',
        outDir: join(out, 'node'),
        emptyOutDir: true,
        sourcemap: true,
        rollupOptions: {
          input: { main: join(root, 'src/server/main.ts'), users: join(root, 'src/server/users-main.ts') },
          output: { format: 'es', entryFileNames: '[name].js' },
        },
      },
    });
  },
);
