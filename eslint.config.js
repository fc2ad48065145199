// Lint enforces the layers of docs/ARCHITECTURE.md ('Lint zones'), so they hold without anyone remembering them.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [
  'node:*',
  'fs',
  'fs/*',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'util',
  'stream',
  'events',
  'buffer',
];
const restrict = (groups, message) => ({ group: groups, message });
const nodeSide = [restrict(['**/renderer/**'], 'The Node side never imports the renderer.')];
const notElectron = restrict(
  ['electron', 'electron/*'],
  'Only electron/shell/ imports electron; the rest runs in plain Node.',
);
const notCli = restrict(
  ['**/electron/cli/**', ...['../cli/**', '../../cli/**']],
  'electron/cli/ is a face (the lapse command): nothing else depends on it.',
);
const notShell = restrict(
  ['**/electron/shell/**', '../shell/**', '../../shell/**'],
  'electron/shell/ is a face (the Electron main process): nothing else depends on it.',
);
const notFaces = [notCli, notShell];
/** Relative imports of these entries of electron/ from one or two folders below it (as `../x/…` or `../../x/…`). */
const above = (entries) =>
  entries.flatMap((e) => (e.endsWith('.js') ? [`../${e}`, `../../${e}`] : [`../${e}/**`, `../../${e}/**`]));

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
  // Zones inside electron/ (docs/ARCHITECTURE.md, 'Lint zones'). ESLint keeps one `no-restricted-imports`
  // per file (the last matching block wins), so each block lists every pattern of its zone.
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/shell/**', 'electron/cli/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...nodeSide, notElectron, ...notFaces] }] },
  },
  {
    files: ['electron/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...nodeSide, notElectron, notShell] }] },
  },
  {
    files: ['electron/shell/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...nodeSide, notCli] }] },
  },
  {
    files: ['electron/vault/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeSide,
            notElectron,
            ...notFaces,
            restrict(
              above([
                'lifecycle',
                'providers',
                'reminders',
                'discovery',
                'report',
                'inventory',
                'transports',
                'service.js',
                'open-lapse.js',
              ]),
              'electron/vault/ is storage (keychain, metadata file): it imports nothing above it. Move what it needs into vault/, or the code that needs the higher area out of vault/.',
            ),
          ],
        },
      ],
    },
  },
  {
    files: ['electron/providers/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ...nodeSide,
            notElectron,
            ...notFaces,
            restrict(
              above(['lifecycle', 'reminders', 'discovery', 'report', 'inventory', 'service.js', 'open-lapse.js']),
              'electron/providers/ talks to providers; lifecycle/ (rotation, revocation) uses it, never the other way round.',
            ),
          ],
        },
      ],
    },
  },
  {
    // No function over 80 lines outside UI components (React components in renderer/*.tsx and test
    // suites are exempt), with no file excused.
    files: ['electron/**/*.ts', 'shared/**/*.ts', 'renderer/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.js'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // useAnswerEffect (renderer/lib/) takes deps like useEffect: check them the same way.
      'react-hooks/exhaustive-deps': ['warn', { additionalHooks: '^useAnswerEffect$' }],
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
