import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { load, pageJsKb, report, startServer, tempDir, workFigures } from './lib';

/**
 * Directory search and partner matching with 10,000 members and 2,000 organisations. The data is
 * written straight into the bench database (plain INSERTs in one transaction; the FTS triggers index
 * it as it goes), then the built server is started and hit by 50 concurrent connections.
 *
 * "server" is Express start → response headers; at 50 connections on one event loop most of it is the
 * wait behind the other 49. "own work" (SERVER_TIMING_CPU, see server/request-work.ts) is the time spent
 * running that request's own code; it should stay near the one-connection figure as "server" grows.
 */
const MEMBERS = 10_000;
const ORGS = 2_000;
const CITIES = ['birmingham', 'coventry', 'wolverhampton', 'west-midlands', 'elsewhere'];
const LANGS = ['en', 'ar', 'fa', 'ur', 'pl', 'ro', 'so', 'ti', 'pa', 'bn'];
const TAGS = ['bid-writing', 'budgeting', 'governance', 'legal-rights', 'marketing', 'translation', 'safeguarding', 'evaluation', 'digital', 'venue', 'volunteers', 'mentoring', 'training', 'events', 'design'];
const THEMES = ['housing', 'employment', 'health', 'mental-health', 'rights-citizenship', 'language-culture', 'arts-media', 'social-enterprise', 'education', 'environment'];
const WORDS = ['tenancy', 'football', 'sewing', 'radio', 'upcycling', 'school', 'health', 'rights', 'workshops', 'women', 'youth', 'garden', 'kitchen', 'choir', 'theatre', 'advice', 'coding', 'cycling', 'library', 'support'];

function rng(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    return s / 0x7fffffff;
  };
}

async function seed(databasePath: string): Promise<{ cookie: string; memberIds: string[] }> {
  process.env.DATABASE_PATH = databasePath;
  const { migrateToLatest } = await import('../db/migrate');
  const { rawSqlite, closeDb } = await import('../db/connection');
  await migrateToLatest();
  const sqlite = rawSqlite();
  const r = rng(42);
  const pick = <T>(list: T[]) => list[Math.floor(r() * list.length)]!;
  const pickSome = <T>(list: T[], n: number) => [...new Set(Array.from({ length: n }, () => pick(list)))];
  const now = Date.now();
  const memberIds: string[] = [];
  const insertUser = sqlite.prepare(
    `INSERT INTO users (id, email, name, password_hash, role, is_mentor, status, locale, city, languages, joined_at, created_at, updated_at)
     VALUES (?, ?, ?, 'bench-no-login', ?, 0, 'active', 'en', ?, ?, ?, ?, ?)`,
  );
  const insertProfile = sqlite.prepare(
    `INSERT INTO profiles (user_id, headline, bio, mentoring_open, mentoring_at_capacity, mentoring_areas, matching_opt_out, updated_at, public_profile, email_visibility, phone, phone_visibility)
     VALUES (?, ?, ?, ?, 0, '[]', ?, ?, ?, 'members', ?, 'me')`,
  );
  const insertTag = sqlite.prepare(`INSERT OR IGNORE INTO member_tags (user_id, kind, tag) VALUES (?, ?, ?)`);
  const insertTheme = sqlite.prepare(`INSERT OR IGNORE INTO member_themes (user_id, theme) VALUES (?, ?)`);
  const insertOrg = sqlite.prepare(
    `INSERT INTO organisations (id, slug, name, description, city, legal_form, public_listing, created_by, created_at, updated_at, social_links)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]')`,
  );
  const insertOrgMember = sqlite.prepare(`INSERT OR IGNORE INTO organisation_members (org_id, user_id, role, created_at) VALUES (?, ?, ?, ?)`);
  const insertOrgTag = sqlite.prepare(`INSERT OR IGNORE INTO org_tags (org_id, kind, tag) VALUES (?, ?, ?)`);
  const insertOrgTheme = sqlite.prepare(`INSERT OR IGNORE INTO org_themes (org_id, theme) VALUES (?, ?)`);
  sqlite.transaction(() => {
    for (let i = 0; i < MEMBERS; i++) {
      const id = `bench-member-${i}`;
      memberIds.push(id);
      insertUser.run(id, `member${i}@bench.invalid`, `Member ${pick(WORDS)} ${i}`, i === 0 ? 'steward' : 'member', pick(CITIES), JSON.stringify(pickSome(LANGS, 3)), now, now, now);
      const words = pickSome(WORDS, 4);
      insertProfile.run(id, `${words[0]} and ${words[1]} project`, `We run ${words.join(', ')} sessions for our community. `.repeat(3), r() < 0.1 ? 1 : 0, r() < 0.05 ? 1 : 0, now, r() < 0.2 ? 1 : 0, '+447911123456');
      for (const t of pickSome(TAGS, 3)) insertTag.run(id, 'offer', t);
      for (const t of pickSome(TAGS, 2)) insertTag.run(id, 'need', t);
      for (const t of pickSome(THEMES, 2)) insertTheme.run(id, t);
    }
    for (let i = 0; i < ORGS; i++) {
      const id = `bench-org-${i}`;
      const words = pickSome(WORDS, 3);
      insertOrg.run(id, `bench-org-${i}`, `${words[0]} group ${i}`, `A ${words.join(' ')} project.`, pick(CITIES), pick(['unincorporated', 'cic', 'charity', 'company', 'other']), r() < 0.5 ? 1 : 0, memberIds[i]!, now, now);
      insertOrgMember.run(id, memberIds[i]!, 'lead', now);
      insertOrgMember.run(id, pick(memberIds), 'member', now);
      for (const t of pickSome(TAGS, 3)) insertOrgTag.run(id, 'offer', t);
      for (const t of pickSome(TAGS, 2)) insertOrgTag.run(id, 'need', t);
      for (const t of pickSome(THEMES, 2)) insertOrgTheme.run(id, t);
    }
  })();
  // A session for a member (only the SHA-256 of the cookie value is stored, as the app does).
  const token = randomBytes(20).toString('hex');
  sqlite
    .prepare('INSERT INTO sessions (id, user_id, expires_at, created_at) VALUES (?, ?, ?, ?)')
    .run(createHash('sha256').update(token).digest('hex'), memberIds[1]!, now + 24 * 60 * 60_000, now);
  sqlite.pragma('optimize');
  await closeDb();
  return { cookie: `nomi_session=${token}`, memberIds };
}

export default async function directoryBench() {
  const dir = tempDir('directory');
  const databasePath = path.join(dir, 'bench.sqlite');
  const started = performance.now();
  const { cookie } = await seed(databasePath);
  const seededIn = (performance.now() - started) / 1000;
  const server = await startServer({ databasePath, measureWork: true });
  const headers = { cookie };
  try {
    const searches = WORDS.flatMap((w, i) => [
      `${server.url}/members?q=${w}`,
      `${server.url}/members?q=${w.slice(0, 3)}&city=${CITIES[i % CITIES.length]}`,
      `${server.url}/members?theme=${THEMES[i % THEMES.length]}&offer=${TAGS[i % TAGS.length]}`,
      `${server.url}/orgs?q=${w}&legalForm=cic`,
    ]);
    // The live search asks for the route's data only (`?_data=<route id>`), as the browser does.
    const dataSearches = searches.map((u) => `${u}&_data=${encodeURIComponent(u.includes('/orgs?') ? 'routes/orgs._index' : 'routes/members._index')}`);
    // Warm up (first requests compile routes and fill caches).
    await load({ urls: searches, concurrency: 5, requests: 100, headers });
    await load({ urls: dataSearches, concurrency: 5, requests: 50, headers });
    // One connection: server time is the request's own work (nothing to wait behind).
    const searchAlone = await load({ urls: searches, concurrency: 1, requests: 100, headers });
    const liveAlone = await load({ urls: dataSearches, concurrency: 1, requests: 100, headers });
    const matchesAlone = await load({ urls: [`${server.url}/members/matches`], concurrency: 1, requests: 50, headers });
    const search = await load({ urls: searches, concurrency: 50, requests: 2000, headers });
    const live = await load({ urls: dataSearches, concurrency: 50, requests: 2000, headers });
    const matches = await load({ urls: [`${server.url}/members/matches`], concurrency: 50, requests: 1000, headers });
    const publicDir = await load({ urls: WORDS.map((w) => `${server.url}/projects?q=${w}`), concurrency: 50, requests: 1000 });
    report(`Directory, ${MEMBERS} members and ${ORGS} organisations, 50 concurrent connections`, {
      'seeding (s)': seededIn,
      'search page: requests / failures': `${search.count} / ${search.failures}`,
      'search page server p50 ms': search.server.p50,
      'search page server p95 ms, incl. queueing': search.server.p95,
      'search page own work p50 / p95 ms (target p95 ≤ 20)': workFigures(search),
      'search page, 1 connection: server / work p50 ms': `${searchAlone.server.p50.toFixed(1)} / ${searchAlone.work?.p50.toFixed(1) ?? 'n/a'}`,
      'search page round trip p50 / p95 ms': `${search.p50.toFixed(1)} / ${search.p95.toFixed(1)}`,
      'live search (_data): requests / failures': `${live.count} / ${live.failures}`,
      'live search server p50 ms': live.server.p50,
      'live search server p95 ms, incl. queueing': live.server.p95,
      'live search own work p50 / p95 ms (target p95 ≤ 20)': workFigures(live),
      'live search, 1 connection: server / work p50 ms': `${liveAlone.server.p50.toFixed(1)} / ${liveAlone.work?.p50.toFixed(1) ?? 'n/a'}`,
      'live search round trip p50 / p95 ms': `${live.p50.toFixed(1)} / ${live.p95.toFixed(1)}`,
      'matches: requests / failures': `${matches.count} / ${matches.failures}`,
      'matches server p50 ms': matches.server.p50,
      'matches server p95 ms, incl. queueing': matches.server.p95,
      'matches own work p50 / p95 ms (target p95 ≤ 20)': workFigures(matches),
      'matches, 1 connection: server / work p50 ms': `${matchesAlone.server.p50.toFixed(1)} / ${matchesAlone.work?.p50.toFixed(1) ?? 'n/a'}`,
      'matches round trip p50 / p95 ms': `${matches.p50.toFixed(1)} / ${matches.p95.toFixed(1)}`,
      'public directory server p95 ms': publicDir.server.p95,
      'public directory own work p50 / p95 ms': workFigures(publicDir),
      'public directory round trip p95 ms': publicDir.p95,
      'gzipped JS on /members (KB, target ≤ 100)': await pageJsKb(`${server.url}/members`, headers),
      'gzipped JS on /join, for comparison (KB)': await pageJsKb(`${server.url}/join`),
      'server memory (MiB)': server.memoryMiB(),
    });
  } finally {
    await server.stop();
  }
}
