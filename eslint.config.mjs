// ESLint (flat config): type-aware rules for all TypeScript, and a stricter room for workflows/,
// whose code must stay deterministic (Temporal replays it).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_BUILTINS = [
  'assert', 'async_hooks', 'buffer', 'child_process', 'cluster', 'crypto', 'dgram', 'dns', 'events', 'fs',
  'fs/promises', 'http', 'http2', 'https', 'net', 'os', 'path', 'perf_hooks', 'process', 'readline', 'stream',
  'timers', 'tls', 'url', 'util', 'v8', 'vm', 'worker_threads', 'zlib',
];

export default tseslint.config(
  { ignores: ['**/dist/', 'node_modules/', '.data/', '.tools/', 'coverage/', 'bench/security-corpus/', 'bench/security-corpus-holdout/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'error',
    },
  },
  {
    // Workflow code: only @temporalio/workflow, type-only imports of activities, and our own
    // workflow-safe modules. No Node built-ins, no I/O libraries.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: NODE_BUILTINS.flatMap((name) => [
            { name, message: 'Workflow code is replayed: no Node built-ins. Do I/O in an activity.' },
            { name: `node:${name}`, message: 'Workflow code is replayed: no Node built-ins. Do I/O in an activity.' },
          ]),
          patterns: [
            {
              regex: '^(?!@temporalio/(workflow|common)$)(?!\\.{1,2}/)',
              message: 'Workflow code may import only @temporalio/workflow, @temporalio/common and workflow-safe local modules.',
            },
            {
              group: ['../activities/*', '../activities'],
              allowTypeImports: true,
              message: 'Import activities as types only (import type) and call them through proxyActivities.',
            },
            {
              group: ['../api/*', '../db/*', '../executors/*', '../workers/*', '../config/*', '../lib/*'],
              message: 'Workflow code may not import I/O modules.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Use sleep() from @temporalio/workflow.' },
        { name: 'setInterval', message: 'Use sleep() in a loop from @temporalio/workflow.' },
        { name: 'process', message: 'No process access in workflow code.' },
      ],
    },
  },
  {
    // Migrations are frozen in time and typed loosely on purpose (Kysely's convention).
    files: ['db/migrations/**/*.ts', 'db/migrate.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { ...globals.node }, sourceType: 'module' },
    rules: { 'no-console': 'off' },
  },
  { files: ['jest.config.js'], languageOptions: { sourceType: 'commonjs' } },
  {
    // Programs whose output is their point: tests, scripts, benchmarks, the SDK's examples.
    files: ['test/**/*.ts', '**/*.test.ts', 'scripts/**', 'bench/**', 'sdk/examples/**'],
    rules: { 'no-console': 'off' },
  },
);
