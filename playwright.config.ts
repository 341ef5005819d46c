import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

/**
 * The built server runs on a free port with its own temporary database. Values are put in the
 * environment once, in the main process, so every worker sees the same server.
 */
if (!process.env.E2E_PORT) {
  process.env.E2E_PORT = execFileSync(process.execPath, [
    '-e',
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})",
  ])
    .toString()
    .trim();
}
if (!process.env.E2E_DIR) process.env.E2E_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'nomi-e2e-'));

const port = Number(process.env.E2E_PORT);
const dir = process.env.E2E_DIR;
const baseURL = `http://localhost:${port}`;
process.env.DATABASE_PATH = path.join(dir, 'e2e.sqlite');
process.env.UPLOAD_DIR = path.join(dir, 'uploads');

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: process.env.CI ? 2 : 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 45_000,
  expect: { timeout: 7_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    baseURL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'first-run', testMatch: /first-run\.setup\.ts/ },
    { name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1280, height: 800 } }, dependencies: ['first-run'] },
  ],
  webServer: {
    // The compiled server (plain node), compiled here too so a bare `remix build` is enough before a run.
    command: `node scripts/build-server.js && node ${process.env.BUILD_DIR ?? 'build'}/server.js`,
    url: `${baseURL}/healthz`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      ...(process.env as Record<string, string>),
      NODE_ENV: 'production',
      PORT: String(port),
      PUBLIC_URL: baseURL,
      DATABASE_PATH: process.env.DATABASE_PATH,
      UPLOAD_DIR: process.env.UPLOAD_DIR,
      LOG_LEVEL: 'warn',
      SCHEDULER_INTERVAL_MS: '1000',
      SMTP_URL: '',
    },
  },
});
