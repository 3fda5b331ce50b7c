// The process supervisor of `mesh dev` over real child processes: the backoff schedule, a crash reported with its
// exit code and last log lines then restarted, no restart once stopped, and SIGKILL for a child that ignores SIGTERM.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backoffMs, type ProcessExit, SupervisedProcess, tailLines } from '../src/index.js';
import { alive, waitFor } from './dev-mesh-helpers.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mesh-sup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function supervised(script: string, exits: ProcessExit[], restarts: number[] = []): SupervisedProcess {
  return new SupervisedProcess(
    {
      name: 'app-1',
      command: process.execPath,
      args: ['-e', script],
      cwd: dir,
      env: { PATH: process.env.PATH },
      logFile: join(dir, 'app-1.log'),
    },
    { onExit: (e) => exits.push(e), onRestart: (_n, _p, count) => restarts.push(count) },
  );
}

describe('process supervisor', () => {
  it('backs off 1 s, 2 s, 4 s ... up to 30 s', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(backoffMs)).toEqual([
      1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000,
    ]);
  });

  it('reports a crash with its code and last log lines, restarts it after 1 s, then stops it', async () => {
    const exits: ProcessExit[] = [];
    const restarts: number[] = [];
    const p = supervised(
      "console.error('boom: cannot open db'); setTimeout(() => process.exit(3), 50)",
      exits,
      restarts,
    );
    p.start();
    const first = p.pid;
    expect(first).toBeGreaterThan(0);
    await waitFor(() => exits.length === 1, 'the first exit', 10_000);
    expect(exits[0]).toMatchObject({ name: 'app-1', code: 3, signal: null, restartInMs: 1000 });
    expect(exits[0]?.lastLines).toContain('boom: cannot open db');
    await waitFor(() => restarts.length === 1, 'the restart', 10_000);
    await waitFor(() => exits.length === 2, 'the second exit', 10_000);
    expect(exits[1]?.restartInMs).toBe(2000); // a short run: the backoff grows
    await p.stop();
    const count = restarts.length;
    await new Promise((r) => setTimeout(r, 2_500));
    expect(restarts.length).toBe(count); // nothing restarts once stopped
    expect(p.running).toBe(false);
    expect(readFileSync(join(dir, 'app-1.log'), 'utf8')).toMatch(/^--- \S+ .*node -e /);
  }, 20_000);

  it('sends SIGKILL to a child that ignores SIGTERM, after the grace period', async () => {
    const exits: ProcessExit[] = [];
    const p = supervised(
      "process.on('SIGTERM', () => console.log('ignoring SIGTERM')); console.log('up'); setInterval(() => {}, 1000)",
      exits,
    );
    p.start();
    const pid = p.pid ?? 0;
    await waitFor(() => tailLines(join(dir, 'app-1.log')).includes('up'), 'the child to run');
    await p.stop(300);
    expect(alive(pid)).toBe(false);
    expect(tailLines(join(dir, 'app-1.log'))).toContain('ignoring SIGTERM');
    expect(exits).toEqual([]); // a stop is not a crash
  }, 10_000);
});
