// The fortio-like load client: its flags, its runs against a real httpbin (codes, counts, pacing,
// percentiles), its report lines, and its in-mesh server mode (REST run and fetch through the sidecar).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseDuration, parseLoadArgs } from '../src/load-client/load-options.js';
import { formatReport, percentile } from '../src/load-client/load-report.js';
import { runLoad } from '../src/load-client/load-run.js';
import { startLoadServer } from '../src/load-client/load-server.js';
import { Apps, LOOPBACK } from './apps.js';
import { type MeshStub, startMeshStub } from './mesh-stub.js';

let mesh: MeshStub;
let apps: Apps;

beforeEach(async () => {
  mesh = await startMeshStub();
  apps = new Apps(mesh);
});

afterEach(async () => {
  await apps.stopAll();
  await mesh.close();
});

function options(args: string[]) {
  const parsed = parseLoadArgs(args);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.options;
}

describe('flags', () => {
  it("reads fortio's flags, with fortio's defaults", () => {
    expect(
      options([
        'load',
        '-c',
        '2',
        '-qps',
        '0',
        '-n',
        '20',
        '-loglevel',
        'Warning',
        'http://httpbin:8000/get',
      ]),
    ).toMatchObject({
      url: 'http://httpbin:8000/get',
      connections: 2,
      qps: 0,
      requests: 20,
    });
    expect(options(['http://x/'])).toMatchObject({
      connections: 4,
      qps: 8,
      requests: undefined,
      durationMs: 5000,
      timeoutMs: 3000,
    });
    expect(
      options(['-t', '1.5s', '--timeout=500ms', '-H', 'End-User: jason', '-json', 'http://x/']),
    ).toMatchObject({
      durationMs: 1500,
      timeoutMs: 500,
      headers: { 'end-user': 'jason' },
      json: true,
    });
    expect(parseDuration('2m')).toBe(120_000);
  });

  it('rejects what it does not understand', () => {
    expect(parseLoadArgs(['-c', '0', 'http://x/'])).toEqual({
      ok: false,
      error: '-c expects a positive integer, got 0',
    });
    expect(parseLoadArgs(['-z', '1', 'http://x/'])).toEqual({ ok: false, error: 'unknown flag -z' });
    expect(parseLoadArgs(['-n', '3'])).toEqual({ ok: false, error: 'a URL is required' });
    expect(parseLoadArgs(['ftp://x/'])).toEqual({ ok: false, error: 'not an http(s) URL: ftp://x/' });
  });
});

describe('runs', () => {
  it('sends exactly -n requests over -c connections through the sidecar and counts codes', async () => {
    await apps.httpbin();
    const result = await runLoad(
      options(['-c', '3', '-qps', '0', '-n', '10', 'http://httpbin:8000/status/503']),
      () => mesh.dispatcher(),
    );
    expect(result.count).toBe(10);
    expect(result.codes).toEqual({ '503': 10 });
    expect(mesh.to('httpbin:8000')).toHaveLength(10);
    expect(result.latenciesMs).toHaveLength(10);
    expect([...result.latenciesMs].sort((a, b) => a - b)).toEqual(result.latenciesMs);
  });

  it('counts a request without an answer as code -1', async () => {
    // No route to httpbin: the stand-in answers 502; a closed port answers nothing at all.
    const closed = await runLoad(
      options(['-c', '1', '-qps', '0', '-n', '2', '-timeout', '1s', 'http://127.0.0.1:1/']),
      () => mesh.dispatcher(),
    );
    expect(closed.codes).toEqual({ '502': 2 });
    const direct = await runLoad(options(['-c', '1', '-qps', '0', '-n', '2', 'http://127.0.0.1:1/']));
    expect(direct.codes).toEqual({ '-1': 2 });
    expect(direct.errors[0]).toBe('ECONNREFUSED');
  });

  it('keeps -qps: 6 requests at 20 qps over 2 connections take about 250 ms', async () => {
    await apps.httpbin();
    const t0 = performance.now();
    const result = await runLoad(
      options(['-c', '2', '-qps', '20', '-n', '6', 'http://httpbin:8000/get']),
      () => mesh.dispatcher(),
    );
    const ms = performance.now() - t0;
    expect(result.codes).toEqual({ '200': 6 });
    // Worker 0 sends at 0, 100, 200 ms; worker 1 at 50, 150, 250 ms.
    expect(ms).toBeGreaterThanOrEqual(245);
    expect(ms).toBeLessThan(1500);
  });

  it('reports fortio-style code and percentile lines', () => {
    const latencies = Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentile(latencies, 50)).toBe(500);
    expect(percentile(latencies, 99.9)).toBe(999);
    expect(percentile([], 50)).toBe(0);
    const text = formatReport({
      url: 'http://httpbin:8000/get',
      connections: 2,
      qps: 0,
      count: 20,
      durationMs: 100,
      codes: { '200': 17, '503': 3 },
      latenciesMs: Array.from({ length: 20 }, (_, i) => i + 1),
      errors: [],
    });
    expect(text).toContain('Code 200 : 17 (85 %)\nCode 503 : 3 (15 %)\n');
    expect(text).toContain('# target 50% 0.01\n');
    expect(text).toContain('# target 99% 0.02\n');
    expect(text).toContain('Ended after 0.1s : 20 calls. qps=200.0000');
  });
});

describe('server mode', () => {
  it('runs a load from inside the mesh over REST and fetches one URL through the sidecar', async () => {
    await apps.httpbin();
    const server = await startLoadServer({
      listen: LOOPBACK,
      podName: 'fortio-v1-test',
      makeDispatcher: () => mesh.dispatcher(),
      log: apps.log,
    });
    try {
      const run = await apps.get(
        `${server.url}/fortio/rest/run?url=${encodeURIComponent('http://httpbin:8000/get')}&c=2&qps=0&n=8`,
      );
      expect(run.status).toBe(200);
      const report = JSON.parse(run.text);
      expect(report).toMatchObject({
        count: 8,
        connections: 2,
        codes: { '200': 8 },
        podname: 'fortio-v1-test',
      });
      expect(Object.keys(report.percentilesSeconds)).toEqual(['50', '75', '90', '99', '99.9']);
      const fetched = await apps.get(`${server.url}/fortio/fetch/httpbin:8000/headers`);
      expect(fetched.status).toBe(200);
      expect(JSON.parse(fetched.text).podname).toBe('httpbin-v1-test');
      const unknown = await apps.get(`${server.url}/fortio/fetch/books.external.test:18090/books/v1/volumes`);
      expect(unknown.status).toBe(502);
      expect((await apps.get(`${server.url}/fortio/rest/run?c=2`)).status).toBe(400);
    } finally {
      await server.close(100);
    }
  });
});
