import net from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { logger } from '~/modules/logging/logger.server';
import { db } from '~db/connection';
import { listOutbox, retryFailedEmails, sendEmail } from './email.server';

/** A tiny SMTP server that accepts every message, enough for nodemailer. */
function fakeSmtp(): Promise<{ port: number; received: string[]; close: () => void }> {
  const received: string[] = [];
  const server = net.createServer((socket) => {
    let inData = false;
    let buffer = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString();
      let i;
      while ((i = buffer.indexOf('\r\n')) >= 0) {
        const line = buffer.slice(0, i);
        buffer = buffer.slice(i + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            socket.write('250 queued\r\n');
          } else received.push(line);
          continue;
        }
        const cmd = line.slice(0, 4).toUpperCase();
        if (cmd === 'EHLO' || cmd === 'HELO') socket.write('250 fake\r\n');
        else if (cmd === 'DATA') {
          inData = true;
          socket.write('354 go on\r\n');
        } else if (cmd === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ port: (server.address() as net.AddressInfo).port, received, close: () => server.close() });
    });
  });
}

async function row(id: number) {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

afterEach(() => {
  delete process.env.SMTP_URL;
});

describe('the outbox', () => {
  it('without SMTP keeps the message in the table, logs only its id and kind, and lists no subject or text', async () => {
    // Issue 16, item 2: the log and /admin/outbox held working reset links and private text.
    const writes: string[] = [];
    const spy = vi.spyOn(logger, 'info').mockImplementation((fields: object, msg?: string) => {
      writes.push(JSON.stringify({ ...fields, msg }));
    });
    try {
      const id = await sendEmail({ to: 'a@example.org', subject: 'Hello Amira', text: 'Your link: http://nomi.test/reset-password?token=abc', kind: 'password.reset' });
      expect(await row(id)).toMatchObject({ status: 'logged', text_body: 'Your link: http://nomi.test/reset-password?token=abc', to_address: 'a@example.org', attempts: 0 });
      const line = writes.join('\n');
      expect(line).toContain(String(id));
      expect(line).toContain('password.reset');
      expect(line).not.toContain('token=abc');
      expect(line).not.toContain('a@example.org');
      expect(line).not.toContain('Hello Amira');
      const { rows } = await listOutbox(1);
      expect(rows[0]).toMatchObject({ id, to_address: 'a@example.org', kind: 'password.reset', status: 'logged' });
      expect(JSON.stringify(rows)).not.toContain('token=abc');
      expect(JSON.stringify(rows)).not.toContain('Hello Amira');
    } finally {
      spy.mockRestore();
    }
  });

  it('with SMTP sends at once and then forgets the body (it may hold a sign-in link)', async () => {
    const smtp = await fakeSmtp();
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    try {
      const id = await sendEmail({ to: 'b@example.org', subject: 'Reset', text: 'secret link here', kind: 'password.reset' });
      const sent = await row(id);
      expect(sent.status).toBe('sent');
      expect(sent.text_body).toBe('');
      expect(sent.sent_at).not.toBeNull();
      expect(smtp.received.join('\n')).toContain('secret link here');
    } finally {
      smtp.close();
    }
  });

  it('keeps a message that could not be sent, and the retry job sends it later', async () => {
    // Nothing listens on this port: the send fails.
    const closed = await fakeSmtp();
    closed.close();
    process.env.SMTP_URL = `smtp://127.0.0.1:${closed.port}`;
    const id = await sendEmail({ to: 'c@example.org', subject: 'Hi', text: 'body to keep', kind: 'invitation' });
    expect(await row(id)).toMatchObject({ status: 'failed', attempts: 1, text_body: 'body to keep' });

    const smtp = await fakeSmtp();
    process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
    try {
      await retryFailedEmails();
      expect(await row(id)).toMatchObject({ status: 'sent', text_body: '' });
      expect(smtp.received.join('\n')).toContain('body to keep');
    } finally {
      smtp.close();
    }
  });

  it('pages newest first', async () => {
    for (let i = 0; i < 3; i++) await sendEmail({ to: `p${i}@example.org`, subject: `S${i}`, text: 't', kind: 'test' });
    const first = await listOutbox(1, 2);
    expect(first.rows.map((r) => r.to_address)).toEqual(['p2@example.org', 'p1@example.org']);
    expect(first.hasMore).toBe(true);
  });
});
