import path from 'node:path';
import { load, pageJsKb, report, startServer, tempDir, workFigures } from './lib';

const DAY = 24 * 60 * 60_000;
const TYPES = ['offer', 'request', 'opportunity', 'funding', 'event', 'resource'];
const CITIES = ['birmingham', 'coventry', 'wolverhampton', 'west-midlands', 'online'];
const THEMES = ['housing', 'employment', 'health', 'mental-health', 'education', 'arts-media'];
const WORDS = ['room', 'volunteers', 'grant', 'workshop', 'translation', 'sewing', 'football', 'template', 'training', 'laptop'];

/** The noticeboard with 5,000 notices: p95 at 50 connections for a member, and the page's JS. */
export default async function noticesBench() {
  const dir = tempDir('notices');
  const databasePath = path.join(dir, 'bench.sqlite');
  process.env.DATABASE_PATH = databasePath;
  const { migrateToLatest } = await import('../db/migrate');
  const { rawSqlite, closeDb } = await import('../db/connection');
  const { createAccount } = await import('../app/modules/auth/accounts.server');
  const { createSessionCookie } = await import('../app/modules/auth/session.server');
  await migrateToLatest();
  const authors: string[] = [];
  for (let i = 0; i < 20; i++) authors.push(await createAccount({ name: `Bench Author ${i}`, email: `bench-author-${i}@example.org`, password: 'bench password 2026' }));
  const reader = await createAccount({ name: 'Bench Reader', email: 'bench-reader@example.org', password: 'bench password 2026' });
  const cookie = (await createSessionCookie(reader)).split(';')[0]!;

  // 5,000 notices straight into the database (the FTS triggers index them).
  const sqlite = rawSqlite();
  const insert = sqlite.prepare(`insert into notices (id, author_id, type, title, body, body_html, city, themes, details, key_date, starts_at, ends_at,
    expires_at, is_public, pinned, status, hidden, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, '{}', ?, null, null, ?, ?, ?, 'open', 0, ?, ?)`);
  const now = Date.now();
  sqlite.transaction(() => {
    for (let i = 0; i < 5000; i++) {
      const w = WORDS[i % WORDS.length]!;
      const created = now - (i % 60) * DAY - i * 1000;
      const body = `Notice ${i} about ${w} for projects in the network. ${WORDS[(i * 7) % WORDS.length]} and more.`;
      insert.run(
        `bench-${i}`,
        authors[i % authors.length],
        TYPES[i % TYPES.length],
        `${w[0]!.toUpperCase()}${w.slice(1)} notice ${i}`,
        body,
        `<p>${body}</p>`,
        CITIES[i % CITIES.length],
        JSON.stringify([THEMES[i % THEMES.length]]),
        now + ((i % 40) + 1) * DAY,
        // A third have already expired (archive), the rest are on the board.
        i % 3 === 0 ? now - DAY : now + ((i % 30) + 1) * DAY,
        i % 4 === 0 ? 1 : 0,
        i < 3 ? 1 : 0,
        created,
        created,
      );
    }
  })();
  await closeDb();

  const server = await startServer({ databasePath, measureWork: true });
  try {
    const base = `${server.url}/notices`;
    const urls = [base, `${base}?sort=closing`, `${base}?type=funding&city=coventry`, `${base}?q=room`, `${base}?theme=health&page=5`, `${base}?archive=1`];
    const headers = { cookie };
    await load({ urls, concurrency: 5, requests: 50, headers });
    const member = await load({ urls, concurrency: 50, requests: 1000, headers });
    const visitor = await load({ urls: [base, `${base}?q=grant`], concurrency: 50, requests: 500 });
    report('Noticeboard with 5,000 notices, 50 concurrent connections', {
      'member requests': member.count,
      'member failures': member.failures,
      'member server p50 ms': member.server.p50,
      'member server p95 ms': member.server.p95,
      'member own work p50 / p95 ms': workFigures(member),
      'member round trip p50 / p95 ms': `${member.p50.toFixed(1)} / ${member.p95.toFixed(1)}`,
      'visitor (public board) server p95 ms': visitor.server.p95,
      'visitor own work p50 / p95 ms': workFigures(visitor),
      'visitor round trip p95 ms': visitor.p95,
      'gzipped JS on /notices (KB)': await pageJsKb(base, headers),
      'gzipped JS on /notices/new (KB)': await pageJsKb(`${base}/new?type=event`, headers),
      'server memory (MiB)': server.memoryMiB(),
    });
  } finally {
    await server.stop();
  }
}
