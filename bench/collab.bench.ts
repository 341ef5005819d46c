import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import * as Y from 'yjs';
import { pageJsKb, percentile, report, startServer, tempDir } from './lib';

/**
 * The collaborative editor under load: 50 simulated editors (Node Hocuspocus providers, each its own
 * signed-in member) typing into one bid document over the real websocket. Reports keystroke-to-peer
 * latency (time from a keystroke in one editor until each other editor has it), server memory, and
 * the JavaScript the bid page and its lazily loaded editor cost.
 */
const EDITORS = Number(process.env.BENCH_COLLAB_EDITORS ?? 50);
const KEYSTROKES_EACH = 20;
const INTERVAL_MS = 200;

/** CPU seconds (user + system) the server process has used so far (Linux /proc). */
function cpuSeconds(pid: number | undefined): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

export default async function collabBench() {
  const dir = tempDir('collab');
  const databasePath = path.join(dir, 'bench.sqlite');
  process.env.DATABASE_PATH = databasePath;
  const server = await startServer({ databasePath });
  try {
    const { createAccount } = await import('../app/modules/auth/accounts.server');
    const { createSessionCookie } = await import('../app/modules/auth/session.server');
    const { createBid, addPartner } = await import('../app/modules/bids/bids.server');
    const { db } = await import('../db/connection');
    const { nodeClient, waitFor } = await import('../app/modules/collab/node-client');

    const people: Array<{ id: string; cookie: string }> = [];
    for (let i = 0; i < EDITORS; i++) {
      const id = await createAccount({ name: `Bench Editor ${i}`, email: `bench-collab-${i}-${Date.now()}@example.org`, password: 'bench password long enough', role: 'member', locale: 'en' });
      people.push({ id, cookie: (await createSessionCookie(id)).split(';')[0]! });
    }
    const lead = people[0]!;
    const bidId = await createBid(
      { title: 'Bench bid', funder: 'Bench Funder', deadline: Date.now() + 30 * 86_400_000, amount: 1000_00, currency: 'GBP', themes: [], skillsNeeded: [], template: 'awards-for-all' },
      { id: lead.id },
      'en',
    );
    for (const p of people.slice(1)) await addPartner(bidId, { userId: p.id, role: 'partner', budgetShare: 0 }, { id: lead.id, role: 'member', name: 'Bench Editor 0' });
    const bid = await db.selectFrom('bids').select('document_id').where('id', '=', bidId).executeTakeFirstOrThrow();
    const section = await db.selectFrom('bid_sections').select('id').where('bid_id', '=', bidId).orderBy('position').executeTakeFirstOrThrow();
    const documentId = bid.document_id!;
    const field = `section-${section.id}`;

    const memoryBefore = server.memoryMiB();
    const url = `${server.url.replace('http', 'ws')}/collab`;
    const clients = people.map((p) => nodeClient({ url, documentId, cookie: p.cookie, origin: server.url }));
    await waitFor(() => clients.every((c) => c.events.includes('synced')), 60_000, 'all editors synced');

    // Every keystroke also records its send time in a side map; each peer notes when it arrives.
    const latencies: number[] = [];
    clients.forEach((c, index) => {
      c.doc.getMap<number>('bench').observe((event) => {
        const now = performance.now();
        for (const key of event.keysChanged) {
          if (key.startsWith(`${index}:`)) continue;
          const sent = c.doc.getMap<number>('bench').get(key);
          if (typeof sent === 'number') latencies.push(now - sent);
        }
      });
    });
    // Each editor types into its own paragraph of the same section.
    clients.forEach((c) => {
      const p = new Y.XmlElement('paragraph');
      p.insert(0, [new Y.XmlText('')]);
      c.doc.getXmlFragment(field).push([p]);
    });
    await new Promise((r) => setTimeout(r, 1000));

    let peak = server.memoryMiB();
    const cpuBefore = cpuSeconds(server.process.pid);
    const clientCpuBefore = process.cpuUsage();
    // Websocket messages the editors receive: the server batches changes and caret moves per window.
    let received = 0;
    for (const c of clients) c.socket.on('message', () => received++);
    const started = performance.now();
    await Promise.all(
      clients.map(async (c, index) => {
        await new Promise((r) => setTimeout(r, (index * INTERVAL_MS) / EDITORS));
        const fragment = c.doc.getXmlFragment(field);
        const own = fragment.toArray().find((n) => n instanceof Y.XmlElement && n.length > 0) as Y.XmlElement | undefined;
        for (let k = 0; k < KEYSTROKES_EACH; k++) {
          c.doc.transact(() => {
            const text = (own?.get(0) as Y.XmlText | undefined) ?? null;
            if (text) text.insert(text.length, 'a');
            c.doc.getMap<number>('bench').set(`${index}:${k}`, performance.now());
          });
          // A browser's caret moves with every keystroke: an awareness update to everyone, too.
          c.provider.setAwarenessField('cursor', { anchor: k + 1, head: k + 1 });
          if (k % 5 === 0) peak = Math.max(peak, server.memoryMiB());
          await new Promise((r) => setTimeout(r, INTERVAL_MS));
        }
      }),
    );
    const expected = EDITORS * KEYSTROKES_EACH * (EDITORS - 1);
    await waitFor(() => latencies.length >= expected, 30_000, 'all keystrokes delivered').catch(() => undefined);
    const elapsed = performance.now() - started;
    const serverCpu = cpuSeconds(server.process.pid) - cpuBefore;
    const clientCpu = process.cpuUsage(clientCpuBefore);
    const receivedDuringTyping = received;
    peak = Math.max(peak, server.memoryMiB());
    latencies.sort((a, b) => a - b);
    for (const c of clients) c.destroy();

    // JavaScript: the bid page's own modules, and the editor chunk it loads lazily.
    const pageKb = await pageJsKb(`${server.url}/bids/${bidId}`, { cookie: lead.cookie });
    const buildDir = path.resolve(process.env.BUILD_DIR ?? '.', process.env.BUILD_DIR ? 'public/build/_shared' : 'public/build/_shared');
    const chunk = fs.existsSync(buildDir) ? fs.readdirSync(buildDir).find((f) => f.startsWith('collaborative-document-') && f.endsWith('.js')) : undefined;
    const editorKb = chunk ? zlib.gzipSync(fs.readFileSync(path.join(buildDir, chunk))).length / 1024 : 0;

    report(`Collaborative editing: ${EDITORS} editors typing into one document`, {
      editors: EDITORS,
      'keystrokes sent': EDITORS * KEYSTROKES_EACH,
      'peer deliveries measured': `${latencies.length} of ${expected}`,
      'keystroke-to-peer latency p50 (ms)': percentile(latencies, 50),
      'keystroke-to-peer latency p95 (ms)': percentile(latencies, 95),
      'keystroke-to-peer latency max (ms)': latencies.at(-1) ?? 0,
      'typing phase (s)': elapsed / 1000,
      'server CPU during typing (s)': serverCpu,
      'simulated editors CPU during typing (s)': (clientCpu.user + clientCpu.system) / 1e6,
      'messages received by the editors': receivedDuringTyping,
      'server memory before (MiB)': memoryBefore,
      'server memory peak (MiB)': peak,
      'gzipped JS on /bids/:id before the editor (KB)': pageKb,
      'gzipped lazy editor chunk (KB)': editorKb,
    });
  } finally {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
