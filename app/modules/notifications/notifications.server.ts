import { db } from '~db/connection';
import { sendEmail } from '~/modules/email/email.server';
import { fixedT } from '~/modules/i18n/i18next.server';
import { env } from '~/env.server';
import { NOTIFICATION_KINDS, kindTextKey } from './kinds';
export async function unreadCount(userId: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}


export interface NotifyInput {
  userId: string;
  kind: string;
  /** Values for the notification text; must not hold anything the recipient may not see. */
  params?: Record<string, string | number>;
  /** Site-relative link to the subject, e.g. /admin/applications. */
  link: string;
}

async function wantsEmail(userId: string, kind: string): Promise<boolean> {
  const pref = await db.selectFrom('notification_prefs').select('email').where('user_id', '=', userId).where('kind', '=', kind).executeTakeFirst();
  if (pref) return pref.email === 1;
  return NOTIFICATION_KINDS.find((k) => k.kind === kind)?.emailByDefault ?? false;
}

/** In-app notification, plus an email in the recipient's language if their preferences say so. */
export async function notify(input: NotifyInput): Promise<void> {
  const params = input.params ?? {};
  await db
    .insertInto('notifications')
    .values({ user_id: input.userId, kind: input.kind, params: JSON.stringify(params), link: input.link, created_at: Date.now() })
    .execute();
  if (!(await wantsEmail(input.userId, input.kind))) return;
  const user = await db.selectFrom('users').select(['email', 'locale', 'status']).where('id', '=', input.userId).executeTakeFirst();
  if (!user || user.status !== 'active') return;
  const t = await fixedT(user.locale);
  const key = kindTextKey(input.kind);
  await sendEmail({
    to: user.email,
    kind: input.kind,
    subject: t(`${key}.title`, params),
    text: [t(`${key}.title`, params), '', `${env.publicUrl}${input.link}`, '', t('notifications.email.footer', { url: `${env.publicUrl}/settings` })].join('\n'),
  });
}

export async function notifyMany(userIds: string[], input: Omit<NotifyInput, 'userId'>): Promise<void> {
  for (const userId of new Set(userIds)) await notify({ ...input, userId });
}

export async function listNotifications(userId: string, opts: { before?: number; limit?: number } = {}) {
  const limit = opts.limit ?? 30;
  let q = db.selectFrom('notifications').selectAll().where('user_id', '=', userId);
  if (opts.before) q = q.where('id', '<', opts.before);
  const rows = await q.orderBy('id', 'desc').limit(limit + 1).execute();
  return {
    items: rows.slice(0, limit).map((r) => ({ ...r, params: JSON.parse(r.params) as Record<string, string | number> })),
    nextCursor: rows.length > limit ? rows[limit - 1]!.id : null,
  };
}

/** Marks one notification read and returns its link, only if it belongs to this member. */
export async function markRead(userId: string, id: number): Promise<string | null> {
  const row = await db.selectFrom('notifications').select(['link']).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (!row) return null;
  await db.updateTable('notifications').set({ read_at: Date.now() }).where('id', '=', id).where('read_at', 'is', null).execute();
  return row.link;
}

export async function markAllRead(userId: string): Promise<void> {
  await db.updateTable('notifications').set({ read_at: Date.now() }).where('user_id', '=', userId).where('read_at', 'is', null).execute();
}

export async function emailPreferences(userId: string, isSteward: boolean) {
  const prefs = await db.selectFrom('notification_prefs').selectAll().where('user_id', '=', userId).execute();
  return NOTIFICATION_KINDS.filter((k) => isSteward || !k.stewardsOnly).map((k) => {
    const p = prefs.find((x) => x.kind === k.kind);
    return { kind: k.kind, email: p ? p.email === 1 : k.emailByDefault };
  });
}

export async function saveEmailPreferences(userId: string, emailKinds: Set<string>, isSteward: boolean): Promise<void> {
  const kinds = NOTIFICATION_KINDS.filter((k) => isSteward || !k.stewardsOnly);
  await db.transaction().execute(async (trx) => {
    for (const k of kinds) {
      await trx
        .insertInto('notification_prefs')
        .values({ user_id: userId, kind: k.kind, email: emailKinds.has(k.kind) ? 1 : 0 })
        .onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ email: emailKinds.has(k.kind) ? 1 : 0 }))
        .execute();
    }
  });
}
