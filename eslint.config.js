import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Which folders each layer may import from (see README, Architecture). */
const layer = (folder, forbidden) => ({
  files: [`src/${folder}/**/*.{ts,tsx}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          ...forbidden.map((name) => ({ group: [`@/${name}/*`], message: `${folder}/ must not import from ${name}/ (see README, Architecture).` })),
          { group: ['../*'], message: 'Import across folders with the @/ alias.' },
        ],
      },
    ],
  },
});

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'public/mockServiceWorker.js', 'test-results', 'playwright-report'] },
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
  layer('domain', ['api', 'mocks', 'stores', 'components', 'pages', 'i18n', 'workers']),
  layer('api', ['mocks', 'stores', 'components', 'pages', 'workers']),
  layer('mocks', ['api', 'stores', 'components', 'pages', 'workers']),
  layer('stores', ['api', 'mocks', 'components', 'pages', 'workers']),
  layer('components', ['api', 'mocks', 'stores', 'pages', 'workers']),
  layer('workers', ['api', 'mocks', 'stores', 'components', 'pages']),
  layer('pages', ['mocks']),
  layer('i18n', ['domain', 'api', 'mocks', 'stores', 'components', 'pages', 'workers']),
  {
    files: ['e2e/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['@/*', '../src/*'], message: 'e2e tests are black-box: import nothing from src/.' }] }],
    },
  },
  { files: ['scripts/**/*.{js,mjs,ts}', '*.config.{js,ts}'], languageOptions: { globals: { ...globals.node } } },
);
