import nodemailer, { type Transporter } from 'nodemailer';
import { db } from '~db/connection';
import { env } from '~/env.server';
import { logger } from '~/modules/logging/logger.server';

/**
 * Every message goes through the outbox table. With SMTP_URL set it is sent at once (and retried by
 * the scheduler on failure). Without SMTP it is kept for stewards at /admin/outbox and printed to
 * the server log, so an invitation or reset link is never lost on a machine with no mail server.
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

function transporter(): Transporter | null {
  const url = env.smtpUrl;
  if (!url) return null;
  if (g.__nomiMailer?.url !== url) g.__nomiMailer = { url, transporter: nodemailer.createTransport(url) };
  return g.__nomiMailer.transporter;
}

async function deliver(id: number, email: Email, t: Transporter) {
  try {
    await t.sendMail({ from: env.mailFrom, to: email.to, subject: email.subject, text: email.text, ...(email.replyTo ? { replyTo: email.replyTo } : {}) });
    // Once delivered, the body (which may hold a sign-in link) is not kept.
    await db.updateTable('outbox').set({ status: 'sent', sent_at: Date.now(), error: null, text_body: '' }).where('id', '=', id).execute();
  } catch (error) {
    logger.warn({ outboxId: id, err: error instanceof Error ? error.message : 'error' }, 'email send failed');
    await db
      .updateTable('outbox')
      .set((eb) => ({ status: 'failed', attempts: eb('attempts', '+', 1), error: error instanceof Error ? error.message.slice(0, 300) : 'error' }))
      .where('id', '=', id)
      .execute();
  }
}

export async function sendEmail(email: Email): Promise<number> {
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
    logger.info({ outboxId: row.id, to: email.to, subject: email.subject, body: email.text }, 'email kept in outbox (no SMTP_URL)');
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

/** Newest first; `to` narrows to one recipient so a steward can find the link they need to pass on. */
export async function listOutbox(page: number, perPage = 25, to?: string) {
  let q = db.selectFrom('outbox').selectAll();
  if (to) q = q.where('to_address', '=', to.trim().toLowerCase());
  const rows = await q
    .orderBy('id', 'desc')
    .limit(perPage + 1)
    .offset((page - 1) * perPage)
    .execute();
  return { rows: rows.slice(0, perPage), hasMore: rows.length > perPage };
}
