#!/usr/bin/env node
// `npm run migrate`: applies pending migrations (db/migrate.ts) to DATABASE_URL, or, when it is
// unset, to the local Postgres that `npm start` uses (DATA_DIR/postgres), started for the
// occasion and stopped afterwards (or reused, if `npm start` is running).
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { isPortFree } from './lib/ports.mjs';
import { startLocalPostgres } from './lib/postgres.mjs';
import { projectRoot } from './lib/temporal-cli.mjs';
import { runSetup } from './setup.mjs';

const POSTGRES_PORT = 5433;
const root = projectRoot();

function runMigrations(env) {
  const tsx = createRequire(path.join(root, 'package.json')).resolve('tsx/cli');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, 'db/migrate.ts'], { cwd: root, env, stdio: 'inherit' });
    child.once('error', reject);
    child.once('close', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

async function main() {
  await runSetup({ temporal: false });
  if (process.env.DATABASE_URL) return runMigrations(process.env);

  const dataDir = path.resolve(process.env.DATA_DIR || path.join(root, '.data'));
  const port = (await isPortFree(POSTGRES_PORT)) ? POSTGRES_PORT : undefined;
  const postgres = await startLocalPostgres({ dataDir: path.join(dataDir, 'postgres'), port });
  try {
    return await runMigrations({ ...process.env, DATABASE_URL: postgres.url });
  } finally {
    await postgres.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(`migrate: ${err.message}`);
    process.exit(1);
  },
);
