import path from 'node:path';
import { load, pageJsKb, report, startServer, tempDir } from './lib';

/** Public pages on a fresh database: the floor every other page builds on. */
export default async function foundationBench() {
  const dir = tempDir('foundation');
  const server = await startServer({ databasePath: path.join(dir, 'bench.sqlite') });
  try {
    const setup = await load({ urls: [`${server.url}/setup`, `${server.url}/join`], concurrency: 50, requests: 1000 });
    report('Public pages, 50 concurrent connections', {
      'requests': setup.count,
      'p50 ms': setup.p50,
      'p95 ms': setup.p95,
      'server p50 / p95 ms': `${setup.server.p50.toFixed(1)} / ${setup.server.p95.toFixed(1)}`,
      'gzipped JS on /join (KB)': await pageJsKb(`${server.url}/join`),
      'server memory (MiB)': server.memoryMiB(),
    });
  } finally {
    await server.stop();
  }
}
