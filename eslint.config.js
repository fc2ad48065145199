// Lint enforces the layers of docs/ARCHITECTURE.md ('Lint zones'), so they hold without anyone remembering them.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'fs/*', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'util', 'stream', 'events', 'buffer'];
const restrict = (groups, message) => ({ group: groups, message });

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/.corpus/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // Named exports only: a default export lets every importer pick its own name.
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use a named export.' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(nodeBuiltins, 'shared/ is isomorphic: no Node built-ins.'),
            restrict(['electron', 'electron/*'], 'shared/ must not import electron.'),
            restrict(['react', 'react-dom', 'react-dom/*'], 'shared/ must not import React.'),
            restrict(['**/electron/**', '**/renderer/**'], 'shared/ depends on nothing else in Lapse.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/shell/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(['electron', 'electron/*'], 'Only electron/shell/ imports electron; the rest runs in plain Node.'),
            restrict(['**/renderer/**'], 'The Node side never imports the renderer.'),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/shell/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [restrict(['**/renderer/**'], 'The Node side never imports the renderer.')] }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            restrict(nodeBuiltins, 'The renderer runs in a browser: no Node built-ins.'),
            restrict(['electron', 'electron/*'], 'The renderer reaches Electron only through window.lapse.'),
            restrict(['**/electron/**'], 'The renderer reaches the Node side only through the LapseApi contract.'),
          ],
        },
      ],
    },
  },
  {
    // Tool configs are loaded by their tools, which expect a default export.
    files: ['*.config.{js,ts}', 'eslint.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
