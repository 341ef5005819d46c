import { execFileSync, spawnSync } from 'node:child_process';

/**
 * Requests per second at a fixed number of connections. Uses `wrk` with one thread when it is
 * installed (Debian: `apt-get install wrk`; a C load generator costs the machine least), otherwise
 * autocannon (a devDependency, run in its own process so it does not share this one's event loop).
 */
let wrk: boolean | undefined;
export function hasWrk(): boolean {
  if (wrk === undefined && process.env.BENCH_TOOL !== 'autocannon') {
    try {
      execFileSync('wrk', ['--version'], { stdio: 'ignore' });
      wrk = true;
    } catch (error) {
      // `wrk --version` prints its version and exits 1; only a missing binary is ENOENT.
      wrk = (error as NodeJS.ErrnoException).code !== 'ENOENT';
    }
  }
  return wrk ?? false;
}

export interface Throughput {
  rps: number;
  /** Non-2xx/3xx responses plus socket errors. */
  errors: number;
}

export async function throughput(opts: { url: string; seconds: number; connections: number; headers?: Record<string, string> }): Promise<Throughput> {
  const headers = Object.entries(opts.headers ?? {});
  if (hasWrk()) {
    const args = ['-t1', `-c${opts.connections}`, `-d${opts.seconds}s`, ...headers.flatMap(([k, v]) => ['-H', `${k}: ${v}`]), opts.url];
    const out = spawnSync('wrk', args, { encoding: 'utf8' }).stdout;
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
    const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    const errors = non2xx + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
    return { rps, errors };
  }
  const script = `
    const autocannon = require('autocannon');
    autocannon(${JSON.stringify({ url: opts.url, connections: opts.connections, duration: opts.seconds, headers: opts.headers ?? {} })}, (err, r) => {
      if (err) { console.error(err); process.exit(1); }
      console.log(JSON.stringify({ rps: r.requests.average, errors: r.non2xx + r.errors + r.timeouts }));
    });`;
  const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout;
  return JSON.parse(out.trim().split('\n').at(-1) ?? '{"rps":0,"errors":1}') as Throughput;
}
