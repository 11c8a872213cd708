#!/usr/bin/env node
// The `codex` command: the compiled CLI in dist/ (npm run build -w @codex-cloud/cli; the
// repository's `npm start` and `npm test` build it). This file exists before any build, so npm
// links it at install time.
import('../dist/bin.js').catch((err) => {
  if (err && err.code === 'ERR_MODULE_NOT_FOUND' && String(err.message).includes('dist/bin.js')) {
    console.error('codex is not built yet: run `npm run build -w @codex-cloud/cli`');
    process.exit(1);
  }
  throw err;
});
