import path from 'node:path';
import { backupSqlite, rawSqlite, closeDb } from '../connection';

/** Online backup: safe while the server is running (SQLite's backup API copies a consistent snapshot). */
const target = process.argv[2];
if (!target) {
  console.error('Usage: npm run db:backup -- <file>');
  process.exit(2);
}
const file = path.resolve(target);
await backupSqlite(rawSqlite(), file);
console.log(`Backup written to ${file}`);
await closeDb();
