import { promises as fs } from 'node:fs';
import path from 'node:path';
import { FileMigrationProvider, type Kysely, Migrator, type MigrationResultSet } from 'kysely';
import { createDb } from './connection';

/** Applies every pending migration in db/migrations (works from the sources and from dist/). */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: path.join(__dirname, 'migrations') }),
  });
  return migrator.migrateToLatest();
}

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    process.stderr.write('DATABASE_URL: is required to migrate\n');
    process.exit(1);
  }
  const db = createDb({ url, poolSize: 1, applicationName: 'codex-migrate' });
  try {
    const { error, results } = await migrateToLatest(db);
    for (const r of results ?? []) {
      process.stdout.write(`migration ${r.migrationName}: ${r.status}\n`);
    }
    if (error) {
      process.stderr.write(`migration failed: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    }
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    process.stderr.write(`migration failed: ${String(err)}\n`);
    process.exit(1);
  });
}
