import { createAccount } from '~/modules/auth/accounts.server';
import { db } from '~db/connection';
import type { Role } from '~db/schema';
import type { SessionUser } from '~/modules/auth/session.server';

let n = 0;

/** Creates a member directly in the test database and returns them as the session would. */
export async function makeMember(over: { name?: string; email?: string; password?: string; role?: Role; locale?: string } = {}): Promise<SessionUser> {
  n += 1;
  const email = over.email ?? `member${n}-${Date.now()}@example.org`;
  const id = await createAccount({
    name: over.name ?? `Member ${n}`,
    email,
    password: over.password ?? 'correct horse battery staple',
    role: over.role ?? 'member',
    locale: over.locale ?? 'en',
  });
  return { id, name: over.name ?? `Member ${n}`, email, role: over.role ?? 'member', isMentor: false, locale: over.locale ?? 'en' };
}

export async function outbox(to?: string) {
  let q = db.selectFrom('outbox').selectAll().orderBy('id', 'desc');
  if (to) q = q.where('to_address', '=', to);
  return q.execute();
}

/** Pulls the first http(s) link out of an email body. */
export function linkIn(text: string): string {
  const m = /https?:\/\/\S+/.exec(text);
  if (!m) throw new Error(`no link in: ${text}`);
  return m[0];
}
