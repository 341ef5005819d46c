import { createCookieSessionStorage } from '@remix-run/node';
import { randomBytes } from 'node:crypto';
import { env } from '~/env.server';

/**
 * One-time messages shown after a redirect ("Invitation sent"). Holds an i18n key and its values,
 * never personal data, so the cookie is harmless if read.
 */
export interface Flash {
  key: string;
  values?: Record<string, string | number>;
  tone?: 'success' | 'info' | 'warning';
}

const secret = process.env.SESSION_SECRET || randomBytes(32).toString('hex');

const storage = createCookieSessionStorage<Record<string, never>, { flash: Flash }>({
  cookie: {
    name: 'nomi_flash',
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: env.cookieSecure,
    secrets: [secret],
  },
});

export async function setFlash(request: Request, flash: Flash): Promise<string> {
  const session = await storage.getSession(request.headers.get('cookie'));
  session.flash('flash', { tone: 'success', ...flash });
  return storage.commitSession(session);
}

export async function takeFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const cookie = request.headers.get('cookie');
  if (!cookie?.includes('nomi_flash=')) return { flash: null, setCookie: null };
  const session = await storage.getSession(cookie);
  const flash = (session.get('flash') as Flash | undefined) ?? null;
  return { flash, setCookie: await storage.commitSession(session) };
}

/** Redirect with a flash message. */
export async function redirectWithFlash(request: Request, to: string, flash: Flash, headers?: HeadersInit) {
  const h = new Headers(headers);
  h.append('Set-Cookie', await setFlash(request, flash));
  h.set('Location', to);
  return new Response(null, { status: 302, headers: h });
}
