import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * Every test file gets its own real SQLite file in a temp folder, migrated to the latest schema.
 * No mocks of our own database.
 */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nomi-test-'));
process.env.DATABASE_PATH = path.join(dir, 'test.sqlite');
process.env.UPLOAD_DIR = path.join(dir, 'uploads');
// The ballot key lives outside the data folder, as in production (issue 15.9).
const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nomi-test-key-'));
process.env.GOVERNANCE_BALLOT_KEY_FILE = path.join(keyDir, 'ballot-secret');
process.env.LOG_LEVEL = 'silent';
process.env.PUBLIC_URL = 'http://nomi.test';
delete process.env.SMTP_URL;

beforeAll(async () => {
  const { migrateToLatest } = await import('../db/migrate');
  await migrateToLatest();
});

afterAll(async () => {
  const { closeDb } = await import('../db/connection');
  await closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.rmSync(keyDir, { recursive: true, force: true });
});
