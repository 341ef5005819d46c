import type { Transporter } from 'nodemailer';
import { createRequire } from 'node:module';
import { db } from '~db/connection';
import { env } from '~/env.server';
import { logger } from '~/modules/logging/logger.server';
import { hasEmail } from '~/modules/auth/phone';

/**
 * Every message goes through the outbox table. With SMTP_URL set it is sent at once (and retried by
 * the scheduler on failure), and its text is dropped once delivered. Without SMTP the message stays in
 * the table for whoever runs the server, but nobody reads it through the app: bodies hold working
 * invitation and reset links and private text (an introduction, a moderation note), so the server log
 * gets only the message's id and kind, and stewards at /admin/outbox see who it is for, its kind and its
 * status — and can send a fresh link (see ~/modules/membership/resend.server).
 */
export interface Email {
  to: string;
  subject: string;
  text: string;
  /** What kind of message (invitation, reset, notification kind) — shown in the outbox. */
  kind: string;
  /** Where a reply should go (e.g. the sender of an introduction who shows their email); optional. */
  replyTo?: string;
}

const g = globalThis as unknown as { __nomiMailer?: { url: string; transporter: Transporter } };

// nodemailer is loaded when mail is first sent, not at start (~20 MB; many small networks set no SMTP).
const requireLazily = createRequire(import.meta.url);

function transporter(): Transporter | null {
  const url = env.smtpUrl;
  if (!url) return null;
  if (g.__nomiMailer?.url !== url) g.__nomiMailer = { url, transporter: (requireLazily('nodemailer') as typeof import('nodemailer')).createTransport(url) };
  return g.__nomiMailer.transporter;
}

async function deliver(id: number, email: Email, t: Transporter) {
  try {
    await t.sendMail({ from: env.mailFrom, to: email.to, subject: email.subject, text: email.text, ...(email.replyTo ? { replyTo: email.replyTo } : {}) });
    // Once delivered, the body (which may hold a sign-in link) is not kept.
    await db.updateTable('outbox').set({ status: 'sent', sent_at: Date.now(), error: null, text_body: '' }).where('id', '=', id).execute();
  } catch (error) {
    // SMTP errors often quote the recipient's address: the log gets the id and kind only.
    logger.warn({ outboxId: id, kind: email.kind }, 'email send failed');
    await db
      .updateTable('outbox')
      .set((eb) => ({ status: 'failed', attempts: eb('attempts', '+', 1), error: error instanceof Error ? error.message.slice(0, 300) : 'error' }))
      .where('id', '=', id)
      .execute();
  }
}

/** Returns the outbox id, or 0 when the member has no email (joined with a phone number): nothing is kept. */
export async function sendEmail(email: Email): Promise<number> {
  if (!hasEmail(email.to)) return 0;
  const t = transporter();
  const row = await db
    .insertInto('outbox')
    .values({
      to_address: email.to,
      subject: email.subject,
      text_body: email.text,
      kind: email.kind,
      reply_to: email.replyTo ?? null,
      status: t ? 'queued' : 'logged',
      attempts: 0,
      created_at: Date.now(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (t) {
    await deliver(row.id, email, t);
  } else {
    logger.info({ outboxId: row.id, kind: email.kind }, 'email kept in outbox (no SMTP_URL)');
  }
  return row.id;
}

/** Retry messages whose sending failed (called by a recurring job). */
export async function retryFailedEmails(): Promise<void> {
  const t = transporter();
  if (!t) return;
  const failed = await db.selectFrom('outbox').selectAll().where('status', 'in', ['failed', 'queued']).where('attempts', '<', 5).limit(50).execute();
  for (const m of failed) {
    await deliver(m.id, { to: m.to_address, subject: m.subject, text: m.text_body, kind: m.kind, ...(m.reply_to ? { replyTo: m.reply_to } : {}) }, t);
  }
}

/**
 * Newest first, for stewards: who each message is for, its kind and status — never its subject or
 * text (they may hold a sign-in link or private words). `to` narrows to one recipient.
 */
export async function listOutbox(page: number, perPage = 25, to?: string) {
  let q = db.selectFrom('outbox').select(['id', 'to_address', 'kind', 'status', 'attempts', 'created_at', 'sent_at']);
  if (to) q = q.where('to_address', '=', to.trim().toLowerCase());
  const rows = await q
    .orderBy('id', 'desc')
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .execute();
  return { rows: rows.slice(0, perPage), hasMore: rows.length > perPage };
}

export async function outboxMessage(id: number) {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}
