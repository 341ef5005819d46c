import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { sql } from 'kysely';
import { db } from '~db/connection';
import { env } from '~/env.server';
import { sendEmail } from '~/modules/email/email.server';
import { fixedT } from '~/modules/i18n/i18next.server';
import { DAY } from './notices.schema';

/**
 * The weekly digest: members opt in with the cities and themes they care about; once a week each gets
 * one email listing new notices that match. A (member, week) row is written before sending, so a
 * re-run, a restart or two servers never send the same week twice. Unsubscribe links are signed with a
 * per-subscription secret and only do that one thing.
 */
export const WEEK = 7 * DAY;
const MAX_ITEMS = 30;

export interface DigestChoice {
  cities: string[];
  themes: string[];
}

export async function getSubscription(userId: string): Promise<DigestChoice | null> {
  const row = await db.selectFrom('notice_digest_subscriptions').select(['cities', 'themes']).where('user_id', '=', userId).executeTakeFirst();
  return row ? { cities: JSON.parse(row.cities) as string[], themes: JSON.parse(row.themes) as string[] } : null;
}

export async function subscribe(userId: string, choice: DigestChoice, now = Date.now()) {
  const values = { cities: JSON.stringify(choice.cities), themes: JSON.stringify(choice.themes) };
  await db
    .insertInto('notice_digest_subscriptions')
    .values({ user_id: userId, ...values, unsubscribe_key: randomBytes(32).toString('base64url'), created_at: now })
    .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
    .execute();
}

export async function unsubscribe(userId: string) {
  await db.deleteFrom('notice_digest_subscriptions').where('user_id', '=', userId).execute();
}

function sign(key: string, userId: string): string {
  return createHmac('sha256', key).update(`notices.digest.unsubscribe:${userId}`).digest('base64url');
}

export function unsubscribeToken(userId: string, key: string): string {
  return `${userId}.${sign(key, userId)}`;
}

/** The member a token unsubscribes, or null when it is not (or no longer) valid. */
export async function verifyUnsubscribeToken(token: string): Promise<string | null> {
  if (token.length > 200) return null;
  const dot = token.indexOf('.');
  if (dot < 1) return null;
  const userId = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1));
  const row = await db.selectFrom('notice_digest_subscriptions').select('unsubscribe_key').where('user_id', '=', userId).executeTakeFirst();
  if (!row) return null;
  const expected = Buffer.from(sign(row.unsubscribe_key, userId));
  return given.length === expected.length && timingSafeEqual(given, expected) ? userId : null;
}

/** New notices (posted in the week before `until`) matching a member's choice, newest first. */
export async function digestSelection(userId: string, choice: DigestChoice, until: number) {
  let q = db
    .selectFrom('notices as n')
    .select(['n.id', 'n.title', 'n.type', 'n.city', 'n.created_at'])
    .where('n.hidden', '=', 0)
    .where('n.status', '=', 'open')
    .where('n.expires_at', '>', until)
    .where('n.created_at', '>', until - WEEK)
    .where('n.created_at', '<=', until)
    .where('n.author_id', '!=', userId);
  if (choice.cities.length) q = q.where((eb) => eb.or([eb('n.city', 'in', choice.cities), eb('n.city', '=', 'online')]));
  if (choice.themes.length) {
    q = q.where(sql<boolean>`exists (select 1 from json_each(n.themes) where value in (select value from json_each(${JSON.stringify(choice.themes)})))`);
  }
  return q.orderBy('n.created_at', 'desc').limit(MAX_ITEMS).execute();
}

/** Sends this week's digests. Idempotent per member and week. Returns how many emails were sent. */
export async function runDigest(now = Date.now()): Promise<number> {
  const period = Math.floor(now / WEEK);
  const subs = await db
    .selectFrom('notice_digest_subscriptions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.user_id', 's.cities', 's.themes', 's.unsubscribe_key', 'u.email', 'u.locale'])
    .where('u.status', '=', 'active')
    .execute();
  let sent = 0;
  for (const s of subs) {
    const items = await digestSelection(s.user_id, { cities: JSON.parse(s.cities) as string[], themes: JSON.parse(s.themes) as string[] }, now);
    const claimed = await db
      .insertInto('notice_digest_sends')
      .values({ user_id: s.user_id, period, notice_count: items.length, sent_at: now })
      .onConflict((oc) => oc.columns(['user_id', 'period']).doNothing())
      .executeTakeFirst();
    if (Number(claimed.numInsertedOrUpdatedRows ?? 0) === 0 || items.length === 0) continue;
    const t = await fixedT(s.locale);
    const lines = items.map((n) => `• ${n.title} (${t(`notices.types.${n.type}`)}, ${t(`notices.cities.${n.city}`)})\n  ${env.publicUrl}/notices/${n.id}`);
    await sendEmail({
      to: s.email,
      kind: 'notices.digest',
      subject: t('notices.digest.emailSubject', { count: items.length }),
      text: [
        t('notices.digest.emailIntro', { count: items.length }),
        '',
        ...lines,
        '',
        `${env.publicUrl}/notices`,
        '',
        t('notices.digest.emailUnsubscribe', { url: `${env.publicUrl}/unsubscribe/${unsubscribeToken(s.user_id, s.unsubscribe_key)}` }),
      ].join('\n'),
    });
    sent++;
  }
  return sent;
}
