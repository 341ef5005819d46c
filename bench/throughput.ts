import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';

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
  /**
   * CPU time (user + system) the server process `pid` spent per request during the run, in µs, when a
   * pid was given (Linux /proc). Unlike req/s it hardly moves when other work shares the machine.
   */
  cpuMicros?: number;
}

let ticksPerSecond: number | undefined;
/** utime + stime of a process in seconds (/proc/<pid>/stat fields 14 and 15), or null off Linux. */
function cpuSeconds(pid: number): number | null {
  try {
    ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    // The command name (field 2) may hold spaces: count fields after its closing parenthesis.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / ticksPerSecond;
  } catch {
    return null;
  }
}

export async function throughput(opts: { url: string; seconds: number; connections: number; headers?: Record<string, string>; pid?: number }): Promise<Throughput> {
  const headers = Object.entries(opts.headers ?? {});
  const cpuBefore = opts.pid ? cpuSeconds(opts.pid) : null;
  const withCpu = (r: Throughput, requests: number): Throughput => {
    const cpuAfter = opts.pid ? cpuSeconds(opts.pid) : null;
    return cpuBefore !== null && cpuAfter !== null && requests > 0 ? { ...r, cpuMicros: ((cpuAfter - cpuBefore) * 1e6) / requests } : r;
  };
  if (hasWrk()) {
    const args = ['-t1', `-c${opts.connections}`, `-d${opts.seconds}s`, ...headers.flatMap(([k, v]) => ['-H', `${k}: ${v}`]), opts.url];
    const out = spawnSync('wrk', args, { encoding: 'utf8' }).stdout;
    const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0);
    const non2xx = Number(/Non-2xx or 3xx responses:\s+(\d+)/.exec(out)?.[1] ?? 0);
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    const errors = non2xx + (socket ? socket.slice(1).reduce((a, b) => a + Number(b), 0) : 0);
    return withCpu({ rps, errors }, Number(/(\d+) requests in/.exec(out)?.[1] ?? 0));
  }
  const script = `
    const autocannon = require('autocannon');
    autocannon(${JSON.stringify({ url: opts.url, connections: opts.connections, duration: opts.seconds, headers: opts.headers ?? {} })}, (err, r) => {
      if (err) { console.error(err); process.exit(1); }
      console.log(JSON.stringify({ rps: r.requests.average, errors: r.non2xx + r.errors + r.timeouts }));
    });`;
  const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' }).stdout;
  const r = JSON.parse(out.trim().split('\n').at(-1) ?? '{"rps":0,"errors":1}') as Throughput;
  return withCpu(r, r.rps * opts.seconds);
}
