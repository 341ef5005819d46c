import { db } from '~db/connection';
import { env } from '~/env.server';
import { newId } from '~/modules/auth/tokens.server';
import { sendEmail } from '~/modules/email/email.server';
import { fixedT } from '~/modules/i18n/i18next.server';
import { notify } from '~/modules/notifications/notifications.server';
import { authorize, can, type Actor } from '~/policies';

/**
 * Making contact: an introduction starts (or continues) a private thread between two members. The
 * recipient gets an in-app notification and an email carrying the message, with a link to reply on
 * the site; it can be answered by email (Reply-To the sender) only if the sender shows their email to members. Blocking
 * stops introductions and messages from that person, and hides each from the other's matches.
 */
export const INTRODUCTIONS_PER_DAY = 10;
export type ContactResult = { ok: true; conversationId: string } | { ok: false; reason: 'notFound' | 'blocked' | 'self' | 'limited' };

export async function isBlockedEitherWay(a: string, b: string): Promise<boolean> {
  const row = await db
    .selectFrom('directory_blocks')
    .select('user_id')
    .where((eb) => eb.or([eb.and([eb('user_id', '=', a), eb('blocked_id', '=', b)]), eb.and([eb('user_id', '=', b), eb('blocked_id', '=', a)])]))
    .executeTakeFirst();
  return Boolean(row);
}

export async function hasBlocked(userId: string, otherId: string): Promise<boolean> {
  const row = await db.selectFrom('directory_blocks').select('user_id').where('user_id', '=', userId).where('blocked_id', '=', otherId).executeTakeFirst();
  return Boolean(row);
}

export async function block(userId: string, otherId: string): Promise<boolean> {
  if (userId === otherId) return false;
  const other = await db.selectFrom('users').select('id').where('id', '=', otherId).executeTakeFirst();
  if (!other) return false;
  await db
    .insertInto('directory_blocks')
    .values({ user_id: userId, blocked_id: otherId, created_at: Date.now() })
    .onConflict((oc) => oc.columns(['user_id', 'blocked_id']).doNothing())
    .execute();
  return true;
}

export async function unblock(userId: string, otherId: string): Promise<void> {
  await db.deleteFrom('directory_blocks').where('user_id', '=', userId).where('blocked_id', '=', otherId).execute();
}

export async function listBlocked(userId: string) {
  return db
    .selectFrom('directory_blocks as b')
    .innerJoin('users as u', 'u.id', 'b.blocked_id')
    .select(['u.id', 'u.name', 'u.status'])
    .where('b.user_id', '=', userId)
    .orderBy('u.name')
    .execute();
}

function pair(a: string, b: string): [string, string] {
  return a < b ? [a, b] : [b, a];
}

async function ensureConversation(a: string, b: string): Promise<string> {
  const [x, y] = pair(a, b);
  const now = Date.now();
  await db
    .insertInto('directory_conversations')
    .values({ id: newId(), a_id: x, b_id: y, created_at: now, updated_at: now })
    .onConflict((oc) => oc.columns(['a_id', 'b_id']).doNothing())
    .execute();
  const row = await db.selectFrom('directory_conversations').select('id').where('a_id', '=', x).where('b_id', '=', y).executeTakeFirstOrThrow();
  return row.id;
}

async function wantsEmail(userId: string, kind: string, byDefault: boolean): Promise<boolean> {
  const pref = await db.selectFrom('notification_prefs').select('email').where('user_id', '=', userId).where('kind', '=', kind).executeTakeFirst();
  return pref ? pref.email === 1 : byDefault;
}

export async function introduce(from: { id: string; name: string }, toUserId: string, message: string): Promise<ContactResult> {
  if (from.id === toUserId) return { ok: false, reason: 'self' };
  const to = await db
    .selectFrom('users as u')
    .select(['u.id', 'u.email', 'u.locale', 'u.status', 'u.role'])
    .where('u.id', '=', toUserId)
    .executeTakeFirst();
  if (!to || to.status !== 'active') return { ok: false, reason: 'notFound' };
  if (await isBlockedEitherWay(from.id, toUserId)) return { ok: false, reason: 'blocked' };
  const since = Date.now() - 24 * 60 * 60_000;
  const sent = await db
    .selectFrom('directory_messages')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('sender_id', '=', from.id)
    .where('introduction', '=', 1)
    .where('created_at', '>', since)
    .executeTakeFirst();
  if (Number(sent?.n ?? 0) >= INTRODUCTIONS_PER_DAY) return { ok: false, reason: 'limited' };

  const conversationId = await ensureConversation(from.id, toUserId);
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('directory_messages').values({ id: newId(), conversation_id: conversationId, sender_id: from.id, body: message, introduction: 1, created_at: now }).execute();
    await trx.updateTable('directory_conversations').set({ updated_at: now }).where('id', '=', conversationId).execute();
    // In-app notification (the email, with the message itself, is sent below).
    await trx
      .insertInto('notifications')
      .values({ user_id: toUserId, kind: `directory.introduction`, params: JSON.stringify({ name: from.name }), link: `/conversations/${conversationId}`, created_at: now })
      .execute();
  });
  if (await wantsEmail(toUserId, `directory.introduction`, true)) {
    const sender = await db
      .selectFrom('users as u')
      .leftJoin('profiles as p', 'p.user_id', 'u.id')
      .select(['u.email', 'p.email_visibility'])
      .where('u.id', '=', from.id)
      .executeTakeFirstOrThrow();
    const t = await fixedT(to.locale);
    const link = `${env.publicUrl}/conversations/${conversationId}`;
    // "Reply by email" only when the sender lets members see their address; otherwise the reply
    // goes through the site, and the address never appears in the email or its headers.
    const emailVisible = can({ id: to.id, role: to.role }, 'profile.seeField', { ownerId: from.id, visibility: sender.email_visibility ?? 'me' });
    const lines = [
      t('directory.contact.email.intro', { name: from.name }),
      '',
      message,
      '',
      ...(emailVisible
        ? [t('directory.contact.email.replyByEmail', { name: from.name, email: sender.email }), t('directory.contact.email.replyOnSite', { link })]
        : [t('directory.contact.email.replyOnSiteOnly', { name: from.name, link })]),
      '',
      t('directory.contact.email.block', { link: `${env.publicUrl}/members/${from.id}` }),
      '',
      t('notifications.email.footer', { url: `${env.publicUrl}/settings` }),
    ];
    await sendEmail({ to: to.email, kind: `directory.introduction`, subject: t('directory.notifications.introduction.title', { name: from.name }), text: lines.join('\n'), ...(emailVisible ? { replyTo: sender.email } : {}) });
  }
  return { ok: true, conversationId };
}

/** The conversation row, after `conversation.<verb>` allowed this actor (404 otherwise: stewards too). */
async function conversationFor(conversationId: string, actor: Actor, verb: 'read' | 'reply' | 'delete') {
  const c = await db.selectFrom('directory_conversations').selectAll().where('id', '=', conversationId).executeTakeFirst();
  if (!c) throw new Response('Not found', { status: 404 });
  authorize(actor, `conversation.${verb}`, { aId: c.a_id, bId: c.b_id });
  return c;
}

/** The conversation, for one of its two people; anyone else gets a 404. */
export async function getConversation(conversationId: string, actor: Actor) {
  const c = await conversationFor(conversationId, actor, 'read');
  const userId = actor.id;
  const otherId = c.a_id === userId ? c.b_id : c.a_id;
  const [other, messages, blockedByMe] = await Promise.all([
    db.selectFrom('users').select(['id', 'name', 'status']).where('id', '=', otherId).executeTakeFirstOrThrow(),
    db
      .selectFrom('directory_messages')
      .select(['id', 'sender_id', 'body', 'created_at', 'introduction'])
      .where('conversation_id', '=', c.id)
      .orderBy('created_at')
      .orderBy('id')
      .limit(500)
      .execute(),
    hasBlocked(userId, otherId),
  ]);
  return {
    id: c.id,
    other: { id: other.id, name: other.status === 'active' ? other.name : null, active: other.status === 'active' },
    messages: messages.map((m) => ({ id: m.id, mine: m.sender_id === userId, body: m.body, createdAt: m.created_at, introduction: m.introduction === 1 })),
    blockedByMe,
  };
}

/** The conversation with a former (deleted or suspended) member is read-only: 404 as for a stranger. */
export async function reply(conversationId: string, from: Actor & { name: string }, body: string): Promise<'ok' | 'blocked'> {
  await conversationFor(conversationId, from, 'reply');
  const c = await getConversation(conversationId, from);
  if (!c.other.active) throw new Response('Not found', { status: 404 });
  if (await isBlockedEitherWay(from.id, c.other.id)) return 'blocked';
  const now = Date.now();
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('directory_messages').values({ id: newId(), conversation_id: c.id, sender_id: from.id, body, introduction: 0, created_at: now }).execute();
    await trx.updateTable('directory_conversations').set({ updated_at: now }).where('id', '=', c.id).execute();
  });
  await notify({ userId: c.other.id, kind: `directory.message`, params: { name: from.name }, link: `/conversations/${c.id}` });
  return 'ok';
}

export async function listConversations(userId: string) {
  const convs = await db
    .selectFrom('directory_conversations')
    .select(['id', 'a_id', 'b_id', 'updated_at'])
    .where((eb) => eb.or([eb('a_id', '=', userId), eb('b_id', '=', userId)]))
    .orderBy('updated_at', 'desc')
    .limit(100)
    .execute();
  const otherIds = convs.map((c) => (c.a_id === userId ? c.b_id : c.a_id));
  const users = otherIds.length ? await db.selectFrom('users').select(['id', 'name', 'status']).where('id', 'in', otherIds).execute() : [];
  return convs.map((c) => {
    const other = users.find((u) => u.id === (c.a_id === userId ? c.b_id : c.a_id));
    return { id: c.id, otherName: other && other.status === 'active' ? other.name : null, updatedAt: c.updated_at };
  });
}

/** The member deletes a conversation for both sides (their own account data). */
export async function deleteConversation(conversationId: string, actor: Actor): Promise<void> {
  await conversationFor(conversationId, actor, 'delete');
  await db.deleteFrom('directory_conversations').where('id', '=', conversationId).execute();
}
