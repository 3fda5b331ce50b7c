// HTTP/2 (h2c) to upstreams: clusters with explicit http2_protocol_options or use_downstream_protocol_config,
// requests multiplexed on one session, response trailers (gRPC's grpc-status) carried to an HTTP/2 client, and
// a connect failure flagged UF.
import { connect, createServer, type Http2Server } from 'node:http2';
import type { AddressInfo } from 'node:net';
import { anyOf, type Cluster, TypeUrl } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, send, startHarness } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';

let h: Harness;
let server: Http2Server;
const sessions = new Set<string>();
const port = () => h.proxy.listenerPort('l') ?? 0;

function h2Cluster(name: string, ports: number[], options: object): Cluster {
  return staticCluster(name, ports, {
    typed_extension_protocol_options: {
      'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': anyOf(
        TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS,
        options,
      ),
    },
  });
}

async function h2Get(path: string, headers: Record<string, string> = {}) {
  const session = connect(`http://127.0.0.1:${port()}`);
  try {
    return await new Promise<{ status: number; body: string; trailers: Record<string, unknown> }>(
      (resolve, reject) => {
        const req = session.request({ ':path': path, ':authority': 'svc', ...headers });
        let status = 0;
        let body = '';
        let trailers: Record<string, unknown> = {};
        req.on('response', (hdrs) => {
          status = Number(hdrs[':status']);
        });
        req.on('trailers', (t) => {
          trailers = t;
        });
        req.setEncoding('utf8');
        req.on('data', (c: string) => {
          body += c;
        });
        req.on('end', () => resolve({ status, body, trailers }));
        req.on('error', reject);
        req.end();
      },
    );
  } finally {
    session.close();
  }
}

beforeAll(async () => {
  server = createServer((req, res) => {
    sessions.add(`${req.socket.remotePort}`);
    res.setHeader('content-type', 'application/json');
    res.addTrailers({ 'grpc-status': '0', 'x-trailer': 'yes' });
    res.end(JSON.stringify({ httpVersion: req.httpVersion, path: req.url, te: req.headers.te ?? null }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const up = (server.address() as AddressInfo).port;
  h = await startHarness({
    clusters: [
      h2Cluster('h2', [up], { explicit_http_config: { http2_protocol_options: {} } }),
      h2Cluster('same', [up], { use_downstream_protocol_config: { http2_protocol_options: {} } }),
      h2Cluster('dead', [1], { explicit_http_config: { http2_protocol_options: {} } }),
    ],
    listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
    routes: [
      routeConfig('r', [
        vhost('svc', ['*'], [routeTo('same', '/same'), routeTo('dead', '/dead'), routeTo('h2', '/')]),
      ]),
    ],
  });
}, 15_000);

afterAll(async () => {
  await h?.close();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('HTTP/2 upstreams', () => {
  it('speaks h2c to a cluster with explicit http2_protocol_options, from an HTTP/1.1 client', async () => {
    const r = await send(port(), '/x?y=1', { headers: { host: 'svc' } });
    expect(r.status).toBe(200);
    expect(r.json()).toMatchObject({ httpVersion: '2.0', path: '/x?y=1' });
  });
  it('multiplexes requests on one upstream session', async () => {
    sessions.clear();
    await Promise.all(Array.from({ length: 5 }, () => send(port(), '/', { headers: { host: 'svc' } })));
    expect(sessions.size).toBe(1);
  });
  it('carries response trailers and te: trailers between HTTP/2 client and upstream', async () => {
    const r = await h2Get('/grpc', { te: 'trailers' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).te).toBe('trailers');
    expect(r.trailers).toMatchObject({ 'grpc-status': '0', 'x-trailer': 'yes' });
  });
  it('follows the downstream protocol with use_downstream_protocol_config', async () => {
    const r = await h2Get('/same');
    expect(JSON.parse(r.body).httpVersion).toBe('2.0');
  });
  it('answers 503 UF when the HTTP/2 upstream refuses the connection', async () => {
    const r = await send(port(), '/dead', { headers: { host: 'svc' } });
    expect(r.status).toBe(503);
    expect(h.logs.at(-1)?.responseFlags).toBe('UF');
  });
});
