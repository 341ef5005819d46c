import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
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
let resolvedDatabase = { raw: '', path: '' };

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
    // Read on every query (db/connection.ts follows a changed DATABASE_PATH, as tests and benches do):
    // resolve each distinct value once.
    const raw = str('DATABASE_PATH', './data/nomi.sqlite');
    if (raw !== resolvedDatabase.raw) resolvedDatabase = { raw, path: path.resolve(raw) };
    return resolvedDatabase.path;
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
   * Where the ballot key file lives when GOVERNANCE_BALLOT_SECRET is not set: outside the data folder
   * (by default ~/.config/nomi-workspace/ballot-secret), so a copy or backup of the data folder does
   * not carry the key that opens the ballot box and the receipt tags.
   */
  get governanceBallotKeyFile() {
    const configHome = process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config');
    return path.resolve(str('GOVERNANCE_BALLOT_KEY_FILE', path.join(configHome, 'nomi-workspace', 'ballot-secret')));
  },
  /**
   * Keys the ballot box of open secret ballots and the HMAC that ties a secret ballot to the voter
   * holding its receipt code. It must stay the same across restarts and must not be stored in the
   * database or its folder. Without the variable, a random key is made once and kept (0600) in
   * `governanceBallotKeyFile`, never a guessable default. A key left by older versions beside the
   * database (`.ballot-secret`) is moved there on first use.
   */
  get governanceBallotSecret() {
    if (process.env.GOVERNANCE_BALLOT_SECRET) return process.env.GOVERNANCE_BALLOT_SECRET;
    const file = this.governanceBallotKeyFile;
    const legacy = path.join(path.dirname(this.databasePath), '.ballot-secret');
    if (!keys.has(file) && !fs.existsSync(file) && fs.existsSync(legacy)) {
      fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
      fs.copyFileSync(legacy, file, fs.constants.COPYFILE_EXCL);
      fs.chmodSync(file, 0o600);
      fs.rmSync(legacy);
    }
    return keyFile(file);
  },
  /** Days after a round's decision until the recorded answers of unfunded applications are deleted. */
  get fundMediaRetentionDays() {
    const days = Number(str('FUND_MEDIA_RETENTION_DAYS', '90'));
    return Number.isFinite(days) && days >= 0 ? Math.floor(days) : 90;
  },
  /** Memory for public pages kept rendered for signed-out visitors (server/visitor-cache.ts); 0 = off. */
  get visitorCacheBytes() {
    const mb = Number(str('VISITOR_CACHE_MB', '4'));
    return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : 0;
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
