// `npm run check-targets [-- --lang zh-CN|en] [files or folders…]`: checks target files (see src/cli/check-targets.ts).
// Node 20 cannot run TypeScript, so the command runs through Vite's module runner (`runnerImport`, part of
// Vite itself): it compiles src/cli/check-targets.ts and what it imports on the fly, resolving the `@/`
// alias, and leaves the npm packages (yaml, zod, i18next) to node_modules. No build step, nothing to go stale:
// the command always checks with the code in src/ — the same parser and checks the app and the server use.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runnerImport } from 'vite';

const root = resolve(fileURLToPath(new URL('..', import.meta.url)));
const { module } = await runnerImport(join(root, 'src/cli/check-targets.ts'), {
  root,
  configFile: false,
  logLevel: 'error',
  resolve: { alias: { '@': join(root, 'src') } },
});
process.exitCode = await module.main(process.argv.slice(2));
