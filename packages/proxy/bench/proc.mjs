// Process helpers for the benchmarks: free ports, spawning a process and waiting for it, RSS and CPU time of a
// process from /proc (Linux; elsewhere RSS/CPU read as NaN). Times in ms, memory in MB (2^20 bytes).
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

/** A port free on 127.0.0.1 right now (bound then closed; a race is possible but unlikely on loopback). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resident set size of `pid` in MB, from /proc/PID/status VmRSS. */
export function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** User + system CPU seconds used so far by `pid` (not its children), from /proc/PID/stat. */
export function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime) are at 11 and 12 after the command name; clock ticks of 10 ms
    // (USER_HZ is 100 on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return Number.NaN;
  }
}

/** Spawns a process with its output kept (last 4 KB) for error messages; `kill()` ends it and waits. */
export function startProcess(cmd, args, options = {}) {
  const child = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options });
  let output = '';
  const keep = (d) => {
    output = (output + d.toString()).slice(-4096);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((r) => child.once('exit', r));
  return {
    child,
    pid: child.pid,
    output: () => output,
    exited,
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 3_000);
      await exited;
      clearTimeout(t);
    },
  };
}

/** Polls `url` until it answers 200 or `timeoutMs` passes (then throws with `what`). */
export async function waitHttp(url, timeoutMs, what) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      if (r.status === 200) return;
    } catch {}
    if (Date.now() > until) throw new Error(`timed out waiting for ${what} (${url})`);
    await sleep(50);
  }
}
