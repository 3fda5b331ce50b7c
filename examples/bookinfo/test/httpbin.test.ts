// httpbin over real HTTP: the echo endpoints, chosen statuses, delays, and the access log that shows which
// requests (mirrored copies included) reached an instance.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pickStatus } from '../src/httpbin/request-echo.js';
import { Apps } from './apps.js';
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

describe('httpbin', () => {
  it('echoes /get with args, canonical header names, origin, url and the instance', async () => {
    const h = await apps.httpbin('v2');
    const r = await apps.get(`${h.url}/get?b=2&a=1&a=3`, { 'x-custom-thing': 'yes' });
    expect(r.status).toBe(200);
    const body = JSON.parse(r.text);
    expect(body.args).toEqual({ a: ['1', '3'], b: '2' });
    expect(body.headers['X-Custom-Thing']).toBe('yes');
    expect(body.headers.Host).toBe(new URL(h.url).host);
    expect(body.origin).toBe('127.0.0.1');
    expect(body.url).toBe(`${h.url}/get?b=2&a=1&a=3`);
    expect(body.podname).toBe('httpbin-v2-test');
  });

  it('serves /headers, /ip and /anything with the body', async () => {
    const h = await apps.httpbin();
    const headers = JSON.parse((await apps.get(`${h.url}/headers`, { 'x-b3-sampled': '1' })).text);
    expect(headers.headers['X-B3-Sampled']).toBe('1');
    const ip = JSON.parse(
      (await apps.get(`${h.url}/ip`, { 'x-forwarded-for': '203.0.113.7, 10.0.0.1' })).text,
    );
    expect(ip.origin).toBe('203.0.113.7');
    const any = JSON.parse(
      (
        await apps.get(
          `${h.url}/anything/x?q=1`,
          { 'content-type': 'application/json' },
          'POST',
          '{"k":[1,2]}',
        )
      ).text,
    );
    expect(any).toMatchObject({ method: 'POST', data: '{"k":[1,2]}', json: { k: [1, 2] }, args: { q: '1' } });
    const form = JSON.parse(
      (
        await apps.get(
          `${h.url}/anything`,
          { 'content-type': 'application/x-www-form-urlencoded' },
          'POST',
          'a=1&b=2',
        )
      ).text,
    );
    expect(form.form).toEqual({ a: '1', b: '2' });
  });

  it('answers /status/{code} with that code, and draws from a weighted list', async () => {
    const draws = [0.1, 0.9];
    const h = await apps.httpbin('v1', () => draws.shift() ?? 0);
    expect((await apps.get(`${h.url}/status/418`)).status).toBe(418);
    expect((await apps.get(`${h.url}/status/200:1,503:1`)).status).toBe(200);
    expect((await apps.get(`${h.url}/status/200:1,503:1`)).status).toBe(503);
    expect((await apps.get(`${h.url}/status/abc`)).status).toBe(400);
    expect(pickStatus('500:0,201:3', () => 0.99)).toBe(201);
    expect(pickStatus('99', () => 0)).toBeUndefined();
  });

  it('waits for /delay/{s}, in seconds, capped at 10', async () => {
    const h = await apps.httpbin();
    const t0 = performance.now();
    const r = await apps.get(`${h.url}/delay/0.3`);
    expect(r.status).toBe(200);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(295);
    expect((await apps.get(`${h.url}/delay/soon`)).status).toBe(400);
  });

  it('logs one line per request with method, path, status and Host (a mirror copy shows -shadow)', async () => {
    const h = await apps.httpbin();
    await apps.get(`${h.url}/headers`, { host: 'httpbin-shadow:8000' });
    await apps.get(`${h.url}/status/503`);
    const lines = apps.logs.filter((l) => l.includes('httpbin-v1-test'));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/"GET \/headers HTTP\/1\.1" 200 \d+B \d+ms host=httpbin-shadow:8000$/);
    expect(lines[1]).toMatch(/"GET \/status\/503 HTTP\/1\.1" 503 0B/);
  });
});
