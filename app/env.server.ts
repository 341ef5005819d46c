import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * All configuration comes from environment variables (documented in README.md).
 * Read lazily so tests can set variables before first use.
 */
function str(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
}

const keys = new Map<string, string>();

/** A random key stored in `file` (created on first use, readable by this user only). */
function keyFile(file: string): string {
  let key = keys.get(file);
  if (key) return key;
  try {
    key = fs.readFileSync(file, 'utf8').trim();
  } catch {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, crypto.randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
    } catch {
      /* another process made it first */
    }
    key = fs.readFileSync(file, 'utf8').trim();
  }
  keys.set(file, key);
  return key;
}

export const env = {
  get nodeEnv() {
    return str('NODE_ENV', 'development');
  },
  get isProduction() {
    return this.nodeEnv === 'production';
  },
  get port() {
    return Number(str('PORT', '3000'));
  },
  get databasePath() {
    return path.resolve(str('DATABASE_PATH', './data/nomi.sqlite'));
  },
  get uploadDir() {
    return path.resolve(str('UPLOAD_DIR', './data/uploads'));
  },
  get publicUrl() {
    return str('PUBLIC_URL', `http://localhost:${this.port}`).replace(/\/+$/, '');
  },
  get smtpUrl() {
    return process.env.SMTP_URL || '';
  },
  get mailFrom() {
    return str('MAIL_FROM', 'NOMI Workspace <no-reply@nomi.example.org>');
  },
  /** Secure cookies whenever the public URL is https, or in production unless switched off. */
  get cookieSecure() {
    const explicit = process.env.COOKIE_SECURE;
    if (explicit === 'true' || explicit === 'false') return explicit === 'true';
    return this.publicUrl.startsWith('https:');
  },
  /** Raw TRUST_PROXY; off by default (server/security.ts `trustProxySetting`, README "Behind a proxy"). */
  get trustProxy() {
    return process.env.TRUST_PROXY ?? '';
  },
  get honeypotSecret() {
    return str('HONEYPOT_SECRET', 'nomi-honeypot-development-secret');
  },
  /**
   * Keys the HMAC that ties a secret ballot to the voter holding its receipt code. It must stay the
   * same across restarts and must not be stored in the database. Without the variable, a random key
   * is made once and kept in a file beside the database (0600), never a guessable default.
   */
  get governanceBallotSecret() {
    return process.env.GOVERNANCE_BALLOT_SECRET || keyFile(path.join(path.dirname(this.databasePath), '.ballot-secret'));
  },
  get schedulerIntervalMs() {
    return Number(str('SCHEDULER_INTERVAL_MS', '15000'));
  },
  /**
   * `Server-Timing` on responses only when asked (SERVER_TIMING=1, or the bench's SERVER_TIMING_CPU):
   * on every response it let a stranger tell members from non-members by timing a password reset.
   */
  get serverTiming() {
    return process.env.SERVER_TIMING === '1' || this.serverTimingCpu;
  },
  /** Bench only: also report each request's own work in Server-Timing (server/request-work.ts). */
  get serverTimingCpu() {
    return process.env.SERVER_TIMING_CPU === '1';
  },
  get logLevel() {
    return str('LOG_LEVEL', this.nodeEnv === 'test' ? 'silent' : 'info');
  },
};
