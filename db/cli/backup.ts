import path from 'node:path';
import fs from 'node:fs';
import { backupSqlite, rawSqlite, closeDb } from '../connection';
import { env } from '../../app/env.server';

/** Online backup: safe while the server is running (SQLite's backup API copies a consistent snapshot). */
const target = process.argv[2];
if (!target) {
  console.error('Usage: npm run db:backup -- <file>');
  process.exit(2);
}
const file = path.resolve(target);
await backupSqlite(rawSqlite(), file);
console.log(`Backup written to ${file}`);
// Open secret ballots wait in encrypted ballot boxes outside the database until they close.
const boxes = path.join(path.dirname(env.databasePath), 'ballot-box');
if (fs.existsSync(boxes)) {
  fs.cpSync(boxes, `${file}.ballot-box`, { recursive: true });
  console.log(`Ballot boxes of open secret votes copied to ${file}.ballot-box`);
}
console.log(
  [
    '',
    'Reminder: the ballot key is NOT in this backup, on purpose. Keep a copy of it somewhere else:',
    process.env.GOVERNANCE_BALLOT_SECRET ? '  the value of GOVERNANCE_BALLOT_SECRET' : `  the file ${env.governanceBallotKeyFile}`,
    'Without it, secret votes that were open cannot be counted after a restore. See README, "Backup and restore".',
  ].join('\n'),
);
await closeDb();
