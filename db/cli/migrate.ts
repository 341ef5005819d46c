import { closeDb } from '../connection';
import { migrateToLatest } from '../migrate';
import { env } from '../../app/env.server';

const applied = await migrateToLatest();
console.log(
  applied.length
    ? `Applied ${applied.length} migration(s) to ${env.databasePath}:\n  ${applied.join('\n  ')}`
    : `${env.databasePath} is up to date.`,
);
await closeDb();
