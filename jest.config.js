// Tests run against real servers started once per run by test/global-setup.ts (Postgres,
// Temporal dev server); see scripts/lib/ for how they are found or installed.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: false },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  // jose (used by jwks-rsa) ships only ES modules, which Jest cannot require on Node 20: compile
  // it to CommonJS like our own sources. The tree-sitter runtime calls import() under Node, which
  // Jest's module sandbox refuses: compiled, those calls become require().
  transformIgnorePatterns: ['/node_modules/(?!jose/|@vscode/tree-sitter-wasm/)'],
  // Both test/ and tests that sit beside the code they test.
  testMatch: ['<rootDir>/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '<rootDir>/.data/', '<rootDir>/.tools/'],
  modulePathIgnorePatterns: ['<rootDir>/dist', '<rootDir>/.data', '<rootDir>/.tools'],
  // Sources may import './x.js' (the ESM-compatible spelling) for './x.ts'.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 2,
};
