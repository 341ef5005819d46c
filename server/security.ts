import { randomBytes } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';

/** A fresh nonce per response; Remix stamps it on every inline script it writes. */
export function nonce(_req: Request, res: Response, next: NextFunction) {
  res.locals.cspNonce = randomBytes(16).toString('base64');
  next();
}

export function securityHeaders(opts: { https: boolean; development: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': [
          "'self'",
          "'strict-dynamic'",
          (_req, res) => `'nonce-${(res as Response).locals.cspNonce}'`,
          ...(opts.development ? ["'unsafe-eval'"] : []),
        ],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'media-src': ["'self'", 'blob:'],
        'font-src': ["'self'"],
        'connect-src': ["'self'", ...(opts.development ? ['ws:'] : [])],
        // The bid editor's service worker, /sw.js (issue 12.2).
        'worker-src': ["'self'"],
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'base-uri': ["'self'"],
        'object-src': ["'none'"],
        'upgrade-insecure-requests': opts.https ? [] : null,
      },
    },
    // HSTS only makes sense (and is only honoured) when we are served over HTTPS.
    strictTransportSecurity: opts.https ? { maxAge: 31536000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    crossOriginEmbedderPolicy: false,
    xFrameOptions: { action: 'deny' },
  });
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CSRF defence: a state-changing request must come from our own pages. Browsers send
 * Sec-Fetch-Site (modern) or Origin (all current ones) on every POST; anything else is refused.
 */
export function sameOriginOnly(publicOrigin: string) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (SAFE_METHODS.has(req.method)) return next();
    const site = req.get('sec-fetch-site');
    if (site) {
      if (site === 'same-origin' || site === 'none') return next();
      return res.status(403).type('text/plain').send('Cross-site request refused.');
    }
    const origin = req.get('origin');
    if (origin) {
      const own = `${req.protocol}://${req.get('host')}`;
      if (origin === own || origin === publicOrigin) return next();
    }
    return res.status(403).type('text/plain').send('Cross-site request refused.');
  };
}

/** Paths in logs lose anything secret: link tokens and every query string. */
export function redactPath(url: string): string {
  const path = url.split('?')[0] ?? url;
  // Case-insensitive: routes match `/INVITE/<token>` too.
  return path.replace(/^\/(invite|reset-password|unsubscribe)\/[^/]+/i, '/$1/[token]');
}

/**
 * Express's `trust proxy` from TRUST_PROXY. Off unless set: trusting X-Forwarded-For from loopback let
 * anything on the same machine (a tunnel, a proxy passing the client's header through, a co-hosted
 * process) choose its own address and step past every per-address limit. See README, "Behind a proxy".
 *   unset, "", "false", "0"  → do not trust (req.ip is the connecting address)
 *   "1", "2"…                → trust that many proxies in front of us
 *   "loopback", "10.0.0.5", "loopback, 172.16.0.0/12" → trust exactly these addresses/subnets
 *   "true"                   → trust every hop (only when nothing can reach the app except the proxy)
 */
export function trustProxySetting(value: string | undefined): boolean | number | string[] {
  const v = (value ?? '').trim().toLowerCase();
  if (v === '' || v === 'false' || v === '0' || v === 'off' || v === 'no') return false;
  if (v === 'true') return true;
  if (/^\d+$/.test(v)) return Number(v);
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
