import { db } from '~db/connection';
import type { Role } from '~db/schema';
import { env } from '~/env.server';
import { sendEmail } from '~/modules/email/email.server';
import { fixedT } from '~/modules/i18n/i18next.server';
import { hashPassword, verifyPassword, dummyVerify } from './password.server';
import { blockedFor, consume, clearLimit, clearLimitsStartingWith, failuresCounted } from './rate-limit.server';
import { createSessionCookie, endAllSessions } from './session.server';
import { newId, newToken, sha256 } from './tokens.server';
import { schedule } from '~/modules/jobs/scheduler.server';
import { looksLikePhone, normalisePhone } from './phone';

export class EmailTakenError extends Error {
  constructor() {
    super('email taken');
  }
}

/**
 * Creates a member account inside the caller's transaction (or on its own). Callers inside a
 * transaction pass `passwordHash` made beforehand: hashing takes ~100 ms, and a transaction must not
 * hold the database (and its read snapshot) that long.
 */
export async function createAccount(
  input: { name: string; email: string; phone?: string | null; password: string; role?: Role; locale?: string | null; city?: string | null; languages?: string[]; passwordHash?: string },
  trx = db,
): Promise<string> {
  const existing = await trx
    .selectFrom('users')
    .select('id')
    .where((eb) => eb.or([eb('email', '=', input.email), ...(input.phone ? [eb('phone', '=', input.phone)] : [])]))
    .executeTakeFirst();
  if (existing) throw new EmailTakenError();
  const now = Date.now();
  const id = newId();
  await trx
    .insertInto('users')
    .values({
      id,
      email: input.email,
      phone: input.phone ?? null,
      name: input.name,
      password_hash: input.passwordHash ?? (await hashPassword(input.password)),
      role: input.role ?? 'member',
      is_mentor: 0,
      status: 'active',
      locale: input.locale ?? null,
      city: input.city ?? null,
      languages: JSON.stringify(input.languages ?? []),
      joined_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  return id;
}

export async function hasSteward(): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('role', '=', 'steward').limit(1).executeTakeFirst();
  return Boolean(row);
}

/** First-run setup. Refuses once any steward exists, even if two people submit at once. */
export async function createFirstSteward(input: { name: string; email: string; password: string; locale: string }): Promise<string | null> {
  const hash = await hashPassword(input.password);
  return db.transaction().execute(async (trx) => {
    const steward = await trx.selectFrom('users').select('id').where('role', '=', 'steward').executeTakeFirst();
    if (steward) return null;
    const now = Date.now();
    const id = newId();
    await trx
      .insertInto('users')
      .values({
        id,
        email: input.email,
        name: input.name,
        password_hash: hash,
        role: 'steward',
        is_mentor: 0,
        status: 'active',
        locale: input.locale,
        city: null,
        languages: '[]',
        joined_at: now,
        created_at: now,
        updated_at: now,
      })
      .execute();
    return id;
  });
}

export type LoginResult =
  | { ok: true; userId: string; cookie: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'locked'; minutes: number };

/**
 * Failed sign-ins on one account (from anywhere) make every further try on it wait a little longer
 * before its answer: 1 s from the 4th failure, doubling, at most 10 s. It slows a guesser spread over
 * many addresses without ever refusing the owner, who only waits a few seconds.
 */
export function loginDelayMs(accountFailures: number): number {
  if (accountFailures < 4) return 0;
  return Math.min(10_000, 1000 * 2 ** (accountFailures - 4));
}

/** Replaced by tests, which check the delays asked for instead of waiting them out. */
export const loginTiming = { pause: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)) };

const pairKey = (email: string, ip: string) => `${email}|${ip}`;

/**
 * Unknown email and wrong password get the same answer (and the same work), so the form does not
 * reveal who is a member. Failures are counted per account *and address*: five wrong passwords from one
 * address pause that address for this account, and many from one address pause that address for
 * every account — but nobody can lock a member out by failing from elsewhere. Failures on the account
 * from any address only add a growing delay (see `loginDelayMs`); the right password from an address
 * that has not failed always goes through.
 */
export async function login(emailOrPhone: string, password: string, ip: string): Promise<LoginResult> {
  const typed = emailOrPhone.trim().toLowerCase();
  // Members who joined without email sign in with their phone number (any usual way of writing it).
  const phone = looksLikePhone(typed) ? normalisePhone(typed) : null;
  const email = phone ?? typed;
  const pair = pairKey(email, ip);
  const locked = Math.max(await blockedFor('loginAccountIp', pair), await blockedFor('loginIp', ip));
  if (locked) return { ok: false, reason: 'locked', minutes: locked };
  const delay = loginDelayMs(await failuresCounted('loginAccount', email));
  if (delay) await loginTiming.pause(delay);
  const user = await db
    .selectFrom('users')
    .select(['id', 'password_hash', 'status'])
    .where(phone ? 'phone' : 'email', '=', email)
    .executeTakeFirst();
  const valid = user ? await verifyPassword(user.password_hash, password) : await dummyVerify(password);
  if (!user || !valid || user.status !== 'active') {
    await consume('loginAccount', email);
    // The failure that uses up the allowance already says so, rather than one more "wrong password".
    const wait =
      Math.max(await consume('loginAccountIp', pair), await consume('loginIp', ip)) ||
      Math.max(await blockedFor('loginAccountIp', pair), await blockedFor('loginIp', ip));
    return wait ? { ok: false, reason: 'locked', minutes: wait } : { ok: false, reason: 'invalid' };
  }
  await clearLimit('loginAccountIp', pair);
  await clearLimit('loginAccount', email);
  return { ok: true, userId: user.id, cookie: await createSessionCookie(user.id) };
}

/** Changing the password ends every session; the caller gets a fresh one. */
export async function changePassword(userId: string, current: string, next: string): Promise<{ ok: true; cookie: string } | { ok: false }> {
  const user = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  if (!user || !(await verifyPassword(user.password_hash, current))) return { ok: false };
  await db.updateTable('users').set({ password_hash: await hashPassword(next), updated_at: Date.now() }).where('id', '=', userId).execute();
  await endAllSessions(userId);
  return { ok: true, cookie: await createSessionCookie(userId) };
}

const RESET_TTL = 60 * 60_000;

/**
 * Always answers the same way, doing the same work, whether or not the address is a member's: the
 * lookup and the email happen later in a queued job (`sendPasswordReset`), so neither the answer nor
 * its timing tells a stranger who is a member. Returns 'limited' when this address or IP asked too
 * often (shown as a general message).
 */
export async function requestPasswordReset(emailAddress: string, ip: string, locale: string): Promise<'sent' | 'limited'> {
  const email = emailAddress.trim().toLowerCase();
  if ((await consume('resetIp', ip)) || (await consume('resetAccount', email))) return 'limited';
  await schedule(RESET_JOB, Date.now(), { email, locale }, `${RESET_JOB}:${newId()}`);
  return 'sent';
}

export const RESET_JOB = 'reset-mail.send';

/** The queued half of a reset request: only an active member gets a link. */
export async function sendPasswordReset(email: string, locale: string): Promise<void> {
  const user = await db.selectFrom('users').select(['id', 'name', 'locale', 'status']).where('email', '=', email).executeTakeFirst();
  if (!user || user.status !== 'active') return;
  const link = await createResetLink(user.id);
  const t = await fixedT(user.locale ?? locale);
  await sendEmail({
    to: email,
    kind: 'password.reset',
    subject: t('auth.reset.email.subject'),
    text: t('auth.reset.email.body', { name: user.name, link }),
  });
}

/** A new one-hour, one-time reset link for a member; only its SHA-256 is stored. */
export async function createResetLink(userId: string, ttl = RESET_TTL, issuedBy: string | null = null): Promise<string> {
  const token = newToken();
  const now = Date.now();
  await db
    .insertInto('password_resets')
    .values({ id: newId(), token_hash: sha256(token), user_id: userId, created_at: now, expires_at: now + ttl, issued_by: issuedBy })
    .execute();
  return `${env.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
}

export type ResetTokenState = 'valid' | 'invalid';

export async function resetTokenState(token: string): Promise<ResetTokenState> {
  const row = await db.selectFrom('password_resets').select(['expires_at', 'used_at']).where('token_hash', '=', sha256(token)).executeTakeFirst();
  return row && !row.used_at && row.expires_at > Date.now() ? 'valid' : 'invalid';
}

/** Sets the new password, uses up the link and ends every session. */
export async function resetPassword(token: string, password: string): Promise<{ ok: true; cookie: string } | { ok: false }> {
  const hash = await hashPassword(password);
  const userId = await db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('password_resets')
      .innerJoin('users', 'users.id', 'password_resets.user_id')
      .select(['password_resets.id', 'password_resets.user_id', 'password_resets.expires_at', 'password_resets.used_at', 'users.status'])
      .where('token_hash', '=', sha256(token))
      .executeTakeFirst();
    if (!row || row.used_at || row.expires_at <= Date.now() || row.status !== 'active') return null;
    const used = await trx.updateTable('password_resets').set({ used_at: Date.now() }).where('id', '=', row.id).where('used_at', 'is', null).executeTakeFirst();
    if (Number(used.numUpdatedRows) !== 1) return null;
    await trx.updateTable('users').set({ password_hash: hash, updated_at: Date.now() }).where('id', '=', row.user_id).execute();
    // Older links for the same account stop working too.
    await trx.updateTable('password_resets').set({ used_at: Date.now() }).where('user_id', '=', row.user_id).where('used_at', 'is', null).execute();
    return row.user_id;
  });
  if (!userId) return { ok: false };
  await endAllSessions(userId);
  const { email, phone } = await db.selectFrom('users').select(['email', 'phone']).where('id', '=', userId).executeTakeFirstOrThrow();
  for (const key of phone ? [email, phone] : [email]) {
    await clearLimit('loginAccount', key);
    clearLimitsStartingWith('loginAccountIp', `${key}|`);
  }
  return { ok: true, cookie: await createSessionCookie(userId) };
}

export async function updateOwnAccount(userId: string, patch: { name?: string; locale?: string | null; isMentor?: boolean }) {
  await db
    .updateTable('users')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.locale !== undefined ? { locale: patch.locale } : {}),
      ...(patch.isMentor !== undefined ? { is_mentor: patch.isMentor ? 1 : 0 } : {}),
      updated_at: Date.now(),
    })
    .where('id', '=', userId)
    .execute();
}
