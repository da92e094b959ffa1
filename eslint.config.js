import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/**
 * The import arrows of README › Architecture, held per folder with `no-restricted-imports`.
 * A later config object for the same files replaces the rule, so each folder's full list is built here.
 */
const APP_FOLDERS = ['domain', 'backend', 'api', 'mocks', 'server', 'stores', 'components', 'pages', 'i18n', 'workers', 'cli'];

/** Packages that tie code to a browser, a UI or a host: never in the pure domain or the backend core. */
const HOST_PACKAGES = ['react', 'react-dom', 'react-dom/*', 'react/*', 'msw', 'msw/*', 'idb', 'recharts', '@tanstack/*', 'zustand', 'zustand/*', 'i18next', 'react-i18next', 'fake-indexeddb', 'fake-indexeddb/*', 'node:*'];

/**
 * Globals that only a browser (or a network client) has. The domain and the backend core run in a
 * worker, in Node and in a service worker alike, so none of these may appear there; web-standard
 * values every host has (URL, TextDecoder, Request, Response, crypto) stay allowed.
 */
const nodeGlobals = new Set(Object.keys(globals.node));
const BROWSER_GLOBALS = [
  ...new Set([
    ...Object.keys(globals.browser).filter((name) => !nodeGlobals.has(name)),
    ...['fetch', 'navigator', 'WebSocket', 'BroadcastChannel', 'XMLHttpRequest', 'localStorage', 'sessionStorage', 'indexedDB'],
  ]),
].map((name) => ({ name, message: 'The domain and the backend core run on every host: no browser globals or fetch here (see README, Architecture).' }));

const folderPattern = (from, name) => ({ group: [`@/${name}/*`], message: `${from}/ must not import from ${name}/ (see README, Architecture).` });
const RELATIVE_UP = { group: ['../*'], message: 'Import across folders with the @/ alias.' };
const hostPackages = (from) => ({ group: HOST_PACKAGES, message: `${from} is host-neutral: no React, MSW, IndexedDB, Node or UI packages (see README, Architecture).` });

/** Which folders each layer must not import from. */
const layer = (folder, forbidden, extra = []) => ({
  files: [`src/${folder}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': ['error', { patterns: [...forbidden.map((name) => folderPattern(folder, name)), ...extra, RELATIVE_UP] }],
  },
});

/**
 * domain/ in sub-folders, imports pointing down only: shared ← targets ← evaluation ← display | import ← contract.
 * Each entry names the sub-folders it must not import.
 */
const DOMAIN_LAYERS = {
  shared: ['targets', 'evaluation', 'display', 'import', 'contract'],
  targets: ['evaluation', 'display', 'import', 'contract'],
  evaluation: ['display', 'import', 'contract'],
  display: ['import', 'contract'],
  import: ['display', 'contract'],
  contract: [],
};
const outsideDomain = APP_FOLDERS.filter((f) => f !== 'domain');
const domainLayer = (sub, forbidden) =>
  layer(`domain/${sub}`, outsideDomain, [
    ...forbidden.map((name) => ({ group: [`@/domain/${name}/*`], message: `domain/${sub} must not import from domain/${name} (imports point down: shared ← targets ← evaluation ← display | import ← contract).` })),
    hostPackages('domain/'),
  ]);

export default tseslint.config(
  { ignores: ['dist', 'dist-server', 'node_modules', 'public/mockServiceWorker.js', 'test-results', 'playwright-report', 'data'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/**/*.{ts,tsx}', 'test/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // Files directly in domain/ (there should be none) get the strictest rule: nothing of ours above it.
  layer('domain', outsideDomain, [hostPackages('domain/')]),
  ...Object.entries(DOMAIN_LAYERS).map(([sub, forbidden]) => domainLayer(sub, forbidden)),
  { files: ['src/domain/**/*.ts', 'src/backend/**/*.ts'], rules: { 'no-restricted-globals': ['error', ...BROWSER_GLOBALS] } },
  layer('backend', APP_FOLDERS.filter((f) => f !== 'domain' && f !== 'backend'), [hostPackages('backend/')]),
  layer('api', ['backend', 'mocks', 'server', 'stores', 'components', 'pages', 'workers']),
  layer('mocks', ['api', 'server', 'stores', 'components', 'pages', 'workers']),
  layer('server', ['api', 'mocks', 'stores', 'components', 'pages', 'workers', 'i18n']),
  layer('stores', ['backend', 'api', 'mocks', 'server', 'components', 'pages', 'workers']),
  layer('components', ['backend', 'api', 'mocks', 'server', 'stores', 'pages', 'workers']),
  layer('workers', ['backend', 'api', 'mocks', 'server', 'stores', 'components', 'pages']),
  layer('pages', ['backend', 'mocks', 'server']),
  layer('i18n', APP_FOLDERS.filter((f) => f !== 'i18n')),
  // The command line (npm run check-targets) words the domain's problems as the app does: domain, i18n and the words in components/.
  layer('cli', ['backend', 'api', 'mocks', 'server', 'stores', 'pages', 'workers']),
  {
    files: ['e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/*', '../src/*'], message: 'e2e tests are black-box: import nothing from src/.' }] }],
    },
  },
  { files: ['scripts/**/*.{js,mjs,ts}', '*.config.{js,ts}'], languageOptions: { globals: { ...globals.node } } },
  // The server's build script (src/server/build.mjs) runs in Node as it is.
  { files: ['src/server/**/*.mjs'], languageOptions: { globals: { ...globals.node } } },
);
