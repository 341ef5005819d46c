import { db } from '~db/connection';
import { authorize, type Actor } from '~/policies';
import { audit } from '~/modules/network/settings.server';
import { fixedT } from '~/modules/i18n/i18next.server';
import { createResetLink } from './accounts.server';
import { hasEmail, normalisePhone, whatsAppLink } from './phone';

/** Links a steward hands over live 30 minutes: long enough to send and open, short if lost. */
export const HANDOVER_RESET_TTL = 30 * 60_000;

/** Members without email, found by phone number or name, for a steward making a reset link. */
export async function findMembersWithoutEmail(actor: Actor, query: string) {
  authorize(actor, 'account.issueResetLink');
  const q = query.trim().slice(0, 100);
  if (!q) return [];
  const phone = normalisePhone(q);
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'phone', 'email'])
    .where('status', '=', 'active')
    .where('phone', 'is not', null)
    .where((eb) => (phone ? eb('phone', '=', phone) : eb('name', 'like', `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)))
    .orderBy('name')
    .limit(20)
    .execute();
  return rows.filter((r) => !hasEmail(r.email)).map((r) => ({ id: r.id, name: r.name, phone: r.phone! }));
}

export type IssueResult = { ok: true; name: string; phone: string; link: string; whatsApp: string } | { ok: false; reason: 'notFound' | 'hasEmail' };

/**
 * A one-time, 30-minute reset link for a member who has no email, for the steward to send by WhatsApp.
 * Shown to the steward once (only its SHA-256 is kept), recorded with who made it for whom. Members
 * with email use "I forgot my password": a steward never holds a working link to their account.
 */
export async function issueHandoverResetLink(actor: Actor, userId: string): Promise<IssueResult> {
  authorize(actor, 'account.issueResetLink');
  const member = await db.selectFrom('users').select(['id', 'name', 'email', 'phone', 'locale', 'status']).where('id', '=', userId).executeTakeFirst();
  if (!member || member.status !== 'active') return { ok: false, reason: 'notFound' };
  if (hasEmail(member.email)) return { ok: false, reason: 'hasEmail' };
  if (!member.phone) return { ok: false, reason: 'notFound' };
  const link = await createResetLink(member.id, HANDOVER_RESET_TTL, actor.id);
  await audit({ actorId: actor.id, action: 'account.reset_link_issued', subjectType: 'user', subjectId: member.id });
  const t = await fixedT(member.locale ?? 'en');
  const message = `${t('auth.handover.whatsappMessage', { name: member.name })}\n\n${link}`;
  return { ok: true, name: member.name, phone: member.phone, link, whatsApp: whatsAppLink(member.phone, message) };
}
