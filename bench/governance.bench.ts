import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { percentile, report, startServer, tempDir } from './lib';

const MEMBERS = 1000;
const CHOICES = ['for', 'against', 'abstain'] as const;

/**
 * 1,000 members vote on one proposal against the running server (50 at a time, as the browser's
 * own form submission would), then 100 of them change their vote twice at once. Afterwards the
 * database must hold exactly one ballot per member and the tally must match the last choice of each.
 */
export default async function governanceBench() {
  const dir = tempDir('governance');
  const databasePath = path.join(dir, 'bench.sqlite');
  process.env.DATABASE_PATH = databasePath;
  const { migrateToLatest } = await import('../db/migrate');
  // The server and this process (which counts the secret ballot at the end) share the ballot secret.
  process.env.GOVERNANCE_BALLOT_SECRET ??= randomBytes(32).toString('base64');
  const { rawSqlite, closeDb } = await import('../db/connection');
  const { createSessionCookie } = await import('../app/modules/auth/session.server');
  const { createProposal } = await import('../app/modules/governance/proposal-lifecycle.server');
const { DAY } = await import('../app/modules/governance/dates');
  const { tally: tallyOf } = await import('../app/modules/governance/tally');
  await migrateToLatest();

  // Members by plain INSERTs (no password hashing: nobody signs in with a password here).
  const sqlite = rawSqlite();
  const now = Date.now() - 60_000;
  const ids = Array.from({ length: MEMBERS }, (_, i) => `bench-member-${String(i).padStart(4, '0')}`);
  const insert = sqlite.prepare(`insert into users (id, email, name, password_hash, role, is_mentor, status, locale, city, languages, joined_at, ceased_at, created_at, updated_at)
    values (?, ?, ?, 'x', 'member', 0, 'active', 'en', 'birmingham', '[]', ?, null, ?, ?)`);
  sqlite.transaction(() => ids.forEach((id, i) => insert.run(id, `${id}@example.org`, `Bench Member ${i}`, now, now, now)))();
  // Members choose not to be emailed, so opening the vote does not fill the outbox with 1,000 emails.
  const pref = sqlite.prepare(`insert into notification_prefs (user_id, kind, email) values (?, 'governance.opened', 0)`);
  sqlite.transaction(() => ids.forEach((id) => pref.run(id)))();
  const cookies = new Map<string, string>();
  for (const id of ids) cookies.set(id, (await createSessionCookie(id)).split(';')[0]!);
  const make = (secret: boolean) =>
    createProposal(
      { title: secret ? 'Bench resolution, secret ballot' : 'Bench resolution', body: 'One member, one vote.', kind: 'ordinary', secret, hideResults: false, allowCloseEarly: true, quorumPercent: 0, writtenMajority: 'ordinary', pollMode: 'single', pollBinding: false, options: [], maxScore: 5, seats: 1, opensAt: Date.now(), closesAt: Date.now() + DAY },
      { id: ids[0]!, role: 'member' },
    );
  const openId = await make(false);
  const secretId = await make(true);
  await closeDb();

  const server = await startServer({ databasePath });
  const origin = server.url.replace('127.0.0.1', 'localhost');
  let stopped = false;
  try {
    // A secret ballot's votes wait in the ballot box (one encrypted file, rewritten whole on every vote:
    // app/modules/governance/ballot-box.server.ts), so a vote costs more as the box fills; the last of
    // 1,000 votes is the slowest.
    for (const [proposalId, secret] of [[openId, false], [secretId, true]] as const) {
      const url = `${server.url}/governance/proposals/${proposalId}?_data=${encodeURIComponent('routes/governance.proposals.$id')}`;
      const expected = new Map<string, string>();
      const vote = async (id: string, choice: string, formToken = randomBytes(16).toString('base64url')) => {
        const t0 = performance.now();
        const res = await fetch(url, {
          method: 'POST',
          headers: { cookie: cookies.get(id)!, origin, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ intent: 'vote', choice, formToken }),
        });
        await res.arrayBuffer();
        return { ok: res.ok, ms: performance.now() - t0 };
      };
      const times: number[] = [];
      const last100: number[] = [];
      let failures = 0;
      const queue = ids.map((id, i) => [id, CHOICES[i % 3]!] as const);
      const started = performance.now();
      await Promise.all(
        Array.from({ length: 50 }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            const r = await vote(next[0], next[1]);
            times.push(r.ms);
            if (expected.size >= MEMBERS - 100) last100.push(r.ms);
            if (r.ok) expected.set(next[0], next[1]);
            else failures += 1;
          }
        }),
      );
      const elapsed = performance.now() - started;
      if (!secret) {
        // 100 members change their vote twice at the same moment (two forms).
        await Promise.all(ids.slice(0, 100).flatMap((id) => [vote(id, 'against'), vote(id, 'against')]));
        for (const id of ids.slice(0, 100)) expected.set(id, 'against');
      }
      const rssMiB = server.memoryMiB();
      let stored: Array<{ choice: string }>;
      let ballotCount: { n: number; d: number };
      const check = (await import('better-sqlite3')).default(databasePath, { readonly: !secret });
      const voters = (check.prepare('select count(*) as n from governance_voters where proposal_id = ?').get(proposalId) as { n: number }).n;
      if (secret) {
        // Count it as the scheduler would at the closing time: the box moves into the database.
        check.close();
        await server.stop();
        stopped = true;
        const { closeProposal } = await import('../app/modules/governance/proposal-lifecycle.server');
        await closeProposal(proposalId, null, Date.now() + 2 * DAY);
        stored = rawSqlite().prepare('select choice from governance_secret_ballots where proposal_id = ?').all(proposalId) as Array<{ choice: string }>;
        ballotCount = { n: stored.length, d: voters };
      } else {
        ballotCount = check.prepare('select count(*) as n, count(distinct voter_id) as d from governance_ballots where proposal_id = ?').get(proposalId) as { n: number; d: number };
        stored = check.prepare('select choice from governance_ballots where proposal_id = ?').all(proposalId) as Array<{ choice: string }>;
        check.close();
      }
      // The same pure function that closes a real vote.
      const tally = tallyOf({ kind: 'ordinary', electorate: MEMBERS, quorumPercent: 0 }, stored.map((b) => ({ choice: JSON.parse(b.choice) })));
      const want = { for: 0, against: 0, abstain: 0 };
      for (const c of expected.values()) want[c as keyof typeof want] += 1;
      const counts = tally.kind === 'ordinary' ? tally.counts : null;
      const exact = ballotCount.n === MEMBERS && ballotCount.d === MEMBERS && voters === MEMBERS && JSON.stringify(counts) === JSON.stringify(want);
      times.sort((a, b) => a - b);
      last100.sort((a, b) => a - b);
      report(`${MEMBERS} members vote, 50 at a time${secret ? ' (secret ballot)' : ''}`, {
        'votes accepted': expected.size,
        'failures': failures,
        'total seconds': Number((elapsed / 1000).toFixed(2)),
        'votes per second': Math.round((MEMBERS / elapsed) * 1000),
        'p50 ms': Math.round(percentile(times, 50)),
        'p95 ms': Math.round(percentile(times, 95)),
        'p50 ms of the last 100 votes': Math.round(percentile(last100, 50)),
        'server RSS MiB': rssMiB,
        'ballots stored': ballotCount.n,
        'distinct voters': ballotCount.d,
        'tally for/against/abstain': `${counts?.for}/${counts?.against}/${counts?.abstain}`,
        'every vote counted exactly once': exact ? 'yes' : 'NO',
      });
      if (!exact) throw new Error('governance bench: ballots or tally do not match the votes sent');
    }
  } finally {
    if (!stopped) await server.stop();
    await closeDb();
  }
}
