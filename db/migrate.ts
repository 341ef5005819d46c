import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileMigrationProvider, Migrator } from 'kysely';
import { db } from './connection';

const here = path.dirname(fileURLToPath(import.meta.url));

/** Runs every pending migration in db/migrations (files sort by their date prefix). */
export async function migrateToLatest(folder = path.join(here, 'migrations')): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: new FileMigrationProvider({ fs, path, migrationFolder: folder }),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    throw new Error(`Migration failed${failed ? ` in ${failed.migrationName}` : ''}: ${String(error)}`);
  }
  return (results ?? []).map((r) => r.migrationName);
}
