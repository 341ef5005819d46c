import path from 'node:path';

/**
 * All configuration comes from environment variables (documented in README.md).
 * Read lazily so tests can set variables before first use.
 */
function str(name: string, fallback: string): string {
  const v = process.env[name];
  return v === undefined || v === '' ? fallback : v;
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
  get trustProxy() {
    return str('TRUST_PROXY', 'loopback');
  },
  get honeypotSecret() {
    return str('HONEYPOT_SECRET', 'nomi-honeypot-development-secret');
  },
  get schedulerIntervalMs() {
    return Number(str('SCHEDULER_INTERVAL_MS', '15000'));
  },
  /** Bench only: also report each request's own work in Server-Timing (server/request-work.ts). */
  get serverTimingCpu() {
    return process.env.SERVER_TIMING_CPU === '1';
  },
  get logLevel() {
    return str('LOG_LEVEL', this.nodeEnv === 'test' ? 'silent' : 'info');
  },
};
