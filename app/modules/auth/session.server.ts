import { Lucia, TimeSpan } from 'lucia';
import { redirect } from '@remix-run/node';
import { db } from '~db/connection';
import type { Role } from '~db/schema';
import { env } from '~/env.server';
import { authorize } from '~/policies';
import { KyselySessionAdapter } from './lucia-adapter.server';
import { perRequestMemo } from './request-scope.server';

/**
 * The one place that knows about lucia. Everything else asks this module for the signed-in member,
 * so lucia (unmaintained upstream) can be replaced without touching routes.
 */
export interface SessionUser {
  id: string;
  name: string;
  email: string;
  role: Role;
  isMentor: boolean;
  locale: string | null;
}

declare module 'lucia' {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: {
      name: string;
      email: string;
      role: Role;
      is_mentor: number;
      locale: string | null;
    };
  }
}

export const SESSION_COOKIE = 'nomi_session';

const lucia = new Lucia(new KyselySessionAdapter(db), {
  sessionExpiresIn: new TimeSpan(30, 'd'),
  sessionCookie: {
    name: SESSION_COOKIE,
    attributes: { secure: env.cookieSecure, sameSite: 'lax' },
  },
  getUserAttributes: (a) => ({
    name: a.name,
    email: a.email,
    role: a.role,
    isMentor: a.is_mentor === 1,
    locale: a.locale,
  }),
});

interface Resolved {
  user: SessionUser | null;
  /** A Set-Cookie header when lucia extended or cleared the session. */
  setCookie: string | null;
}

// One lookup per page request even when the root loader, the locale detector and a route all ask:
// the same Request object, or (for GET and HEAD) any copy Remix made of it in this request's scope
// (./request-scope.server). A form post looks again for each copy, since its action may end or start
// the session it came with.
const perRequest = new WeakMap<Request, Promise<Resolved>>();

function readSessionId(request: Request): string | null {
  return lucia.readSessionCookie(request.headers.get('cookie') ?? '');
}

async function resolve(request: Request): Promise<Resolved> {
  const sessionId = readSessionId(request);
  if (!sessionId) return { user: null, setCookie: null };
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) {
    return { user: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  }
  return {
    user: { ...user, id: user.id },
    setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
  };
}

function resolved(request: Request): Promise<Resolved> {
  let p = perRequest.get(request);
  if (!p) {
    const reads = request.method === 'GET' || request.method === 'HEAD';
    p = reads ? perRequestMemo(`session:${readSessionId(request) ?? ''}`, () => resolve(request)) : resolve(request);
    perRequest.set(request, p);
  }
  return p;
}

export async function getUser(request: Request): Promise<SessionUser | null> {
  return (await resolved(request)).user;
}

/** Set-Cookie value to attach to the document response (refreshed or cleared session), if any. */
export async function sessionCookieUpdate(request: Request): Promise<string | null> {
  return (await resolved(request)).setCookie;
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/**
 * The member signed in by a raw Cookie header (websocket upgrades, which are not Remix requests).
 * Never refreshes or clears the cookie: the next page load does that.
 */
export async function userFromCookieHeader(cookieHeader: string | null | undefined): Promise<SessionUser | null> {
  const sessionId = lucia.readSessionCookie(cookieHeader ?? '');
  if (!sessionId) return null;
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return null;
  return { ...user, id: user.id };
}

/**
 * For pages a visitor may open when the thing is public (notices, profiles, organisations), once it
 * turns out not to be visible to this visitor: someone signed out — often a member who opened a link
 * shared on WhatsApp — is sent to sign in and back; a signed-in member gets 404. Visitors are sent to
 * sign in whether the thing is members-only, hidden or does not exist, so the redirect tells a stranger
 * nothing about what exists.
 */
export async function notFoundOrSignIn(request: Request): Promise<never> {
  if (!(await getUser(request))) loginRedirect(request);
  throw new Response('Not found', { status: 404 });
}

export async function requireUser(request: Request): Promise<SessionUser> {
  const user = await getUser(request);
  if (!user) loginRedirect(request);
  return user;
}

/** A signed-in member allowed the steward area (~/policies/admin `network.administer`), else 403. */
export async function requireSteward(request: Request): Promise<SessionUser> {
  const user = await requireUser(request);
  authorize(user, 'network.administer');
  return user;
}

export async function createSessionCookie(userId: string): Promise<string> {
  const session = await lucia.createSession(userId, {});
  return lucia.createSessionCookie(session.id).serialize();
}

/**
 * Headers for any answer that ends this device's session (sign out, sign out everywhere, account
 * deleted): the blank session cookie, and on a shared phone the browser drops this site's stored data
 * — the offline copies of bid drafts (IndexedDB, the service worker and its caches) included. Not
 * "cache": Chromium holds the response until its HTTP cache is cleared, and sign-out then hung for
 * minutes in about one run in six of collab-offline.spec; members' pages are no-store instead
 * (entry.server.tsx), so Back has nothing to show.
 */
export function signedOutHeaders(blankCookie: string): Headers {
  return new Headers({ 'Set-Cookie': blankCookie, 'Clear-Site-Data': '"storage"' });
}

export async function endSession(request: Request): Promise<string> {
  const sessionId = readSessionId(request);
  if (sessionId) await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

/** Ends every session of a member (sign out everywhere, password change, suspension). */
export async function endAllSessions(userId: string): Promise<void> {
  await lucia.invalidateUserSessions(userId);
}

export async function deleteExpiredSessions(): Promise<void> {
  await lucia.deleteExpiredSessions();
}

export { safeRedirect } from './redirect';
