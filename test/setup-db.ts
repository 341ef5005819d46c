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
});
