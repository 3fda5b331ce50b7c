// The dashboard server over a real dev control plane: real proxies (the ingress gateway and productpage's sidecar)
// configured over ADS stream their access logs over the gRPC access log service; a real HTTP request goes through
// both to a real app; a real websocket client (ws) sees it as a record, a graph edge and golden metrics, and asks
// for its decision trace. Also: the HTTP side (static files, Host and Origin checks) and bad requests.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RunningProxy } from '@minimesh/proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createDashboardFeed, type DashboardFeedHandle } from '../../src/dashboard/dashboard-feed.js';
import { type DashboardServer, startDashboardServer } from '../../src/dashboard/dashboard-server.js';
import type { ChainRow, DecisionTrace, RequestRecord, ServerMessage } from '../../src/dashboard/protocol.js';
import { StaticAssets } from '../../src/dashboard/static-assets.js';
import {
  copyBookinfo,
  startPlannedProxy,
  startTestPlane,
  type TestPlane,
  waitFor,
} from '../control-plane-helpers.js';

let dir: string;
let plane: TestPlane;
let feed: DashboardFeedHandle;
let server: DashboardServer;
let app: Server;
const proxies: RunningProxy[] = [];
let assetsDir: string;

interface Client {
  readonly ws: WebSocket;
  readonly messages: ServerMessage[];
  request(body: Record<string, unknown>): Promise<ServerMessage & { type: 'response' }>;
}

async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
  const ws = new WebSocket(url, { headers });
  const messages: ServerMessage[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as ServerMessage));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  let id = 0;
  return {
    ws,
    messages,
    request: async (body) => {
      const mine = ++id;
      ws.send(JSON.stringify({ type: 'request', id: mine, ...body }));
      return waitFor(
        () =>
          messages.find((m) => m.type === 'response' && m.id === mine) as ServerMessage & {
            type: 'response';
          },
        `the response to ${JSON.stringify(body).slice(0, 60)}`,
      );
    },
  };
}

beforeAll(async () => {
  dir = copyBookinfo();
  plane = await startTestPlane(dir);
  feed = createDashboardFeed(plane.cp, { tickMs: 200, requestsMs: 50 });
  assetsDir = mkdtempSync(join(tmpdir(), 'mesh-dash-assets-'));
  writeFileSync(join(assetsDir, 'index.html'), '<!doctype html><title>minimesh</title>');
  mkdirSync(join(assetsDir, 'assets'));
  writeFileSync(join(assetsDir, 'assets', 'app-1a2b.js'), 'console.log(1)');
  server = await startDashboardServer({ feed, port: 0, assets: new StaticAssets(`${assetsDir}/`) });
  // productpage's app: answers on its planned app port.
  const w = plane.cp.workloadPlan.instances.find((i) => i.workloadName === 'productpage-v1');
  const a = w === undefined ? undefined : plane.cp.addressPlan.pod(w.podName, w.namespace);
  const appPort = a?.appPorts[9080];
  if (appPort === undefined) throw new Error('no app port for productpage');
  app = createServer((_req, res) => res.end('productpage'));
  await new Promise<void>((r) => app.listen(appPort, '127.0.0.1', () => r()));
  proxies.push(await startPlannedProxy(plane.cp, 'productpage-v1'));
  proxies.push(await startPlannedProxy(plane.cp, 'istio-ingressgateway'));
}, 60_000);

afterAll(async () => {
  await server?.close();
  feed?.close();
  for (const p of proxies) await p.close();
  await new Promise<void>((r) => (app ? app.close(() => r()) : r()));
  await plane?.cp.close();
  rmSync(dir, { recursive: true, force: true });
  rmSync(assetsDir, { recursive: true, force: true });
});

describe('the dashboard server on a real control plane', () => {
  it('greets a page with hello and a snapshot of the mesh', async () => {
    const c = await connect(`${server.url.replace('http', 'ws')}ws`);
    await waitFor(() => c.messages.length >= 2, 'hello and snapshot');
    const [hello, snapshot] = c.messages;
    expect(hello).toMatchObject({ type: 'hello', protocol: 1, meshDir: dir });
    expect(hello?.type === 'hello' && hello.files).toContain('manifests/bookinfo.yaml');
    expect(snapshot?.type).toBe('snapshot');
    if (snapshot?.type !== 'snapshot') return;
    expect(snapshot.graph.nodes.map((n) => n.id)).toEqual(
      expect.arrayContaining(['default/productpage-v1', 'default/reviews-v2']),
    );
    expect(snapshot.resources.some((r) => r.kind === 'Gateway')).toBe(true);
    expect(snapshot.timeline[0]).toMatchObject({ version: 1, accepted: true, source: 'initial' });
    c.ws.close();
  });

  it('turns a real request through the gateway and a sidecar into a record, an edge and metrics', async () => {
    const c = await connect(`${server.url.replace('http', 'ws')}ws`);
    const gw = plane.cp.workloadPlan.gateways[0];
    const port = plane.cp.addressPlan.pod(gw?.podName ?? '', gw?.namespace)?.listenerPorts[8080] ?? 0;
    const res = await fetch(`http://127.0.0.1:${port}/productpage`);
    expect(res.status).toBe(200);
    const records = await waitFor(() => {
      const all = c.messages.flatMap((m) => (m.type === 'requests' ? m.records : []));
      return all.length >= 2 ? all : undefined;
    }, 'two access log records (gateway and sidecar)');
    const source = records.find((r) => r.reporter === 'source') as RequestRecord;
    expect(source).toMatchObject({ method: 'GET', path: '/productpage', status: 200 });
    expect(source.source.workload).toContain('ingressgateway');
    expect(source.destination.workload).toBe('productpage-v1');
    expect(source.cluster).toBe('outbound|9080||productpage.default.svc.cluster.local');
    expect(records.some((r) => r.reporter === 'destination')).toBe(true);
    const edge = await waitFor(() => {
      const graphs = c.messages.filter((m) => m.type === 'graph');
      const last = graphs.at(-1);
      return last?.type === 'graph'
        ? last.graph.edges.find((e) => e.target === 'default/productpage-v1' && e.requests > 0)
        : undefined;
    }, 'the gateway -> productpage edge');
    expect(edge.health).toBe('healthy');
    expect(edge.errorRate).toBe(0);
    const trace = await c.request({ op: 'trace', requestId: source.id });
    expect(trace.ok).toBe(true);
    const t = trace.result as DecisionTrace;
    expect(t.result.outcome).toBe('routed');
    expect(t.result.cluster).toBe('outbound|9080||productpage.default.svc.cluster.local');
    expect(t.matched?.file).toContain('bookinfo-gateway.yaml');
    expect(t.service).toMatchObject({ kind: 'Service', name: 'productpage', namespace: 'default' });
    expect(t.service?.file).toContain('bookinfo.yaml');
    expect(t.rule).toBeUndefined();
    expect(t.workload).toMatchObject({ kind: 'Deployment', name: 'productpage-v1' });
    c.ws.close();
  });

  it('answers requests it cannot serve with an error, and keeps the socket', async () => {
    const c = await connect(`${server.url.replace('http', 'ws')}ws`);
    const r = await c.request({ op: 'trace', requestId: 999_999 });
    expect(r).toMatchObject({ ok: false });
    expect(r.error).toContain('999999');
    const bad = await c.request({ op: 'nope' });
    expect(bad.error).toMatch(/expected trace, chain/);
    const outside = await c.request({ op: 'fileText', file: '../../etc/passwd' });
    expect(outside.ok).toBe(false);
    const yaml = await c.request({
      op: 'resourceYaml',
      ref: { kind: 'Gateway', namespace: 'default', name: 'bookinfo-gateway' },
    });
    expect((yaml.result as { yaml: string }).yaml).toContain('istio: ingressgateway');
    // The chain of what productpage's sidecar runs, read from its own config_dump.
    const pp = plane.cp.nodes().find((n) => n.includes('productpage'));
    const chain = await c.request({ op: 'chain', proxy: pp });
    expect(chain.ok).toBe(true);
    const rows = chain.result as ChainRow[];
    const details = rows.find((r) => r.virtualHost === 'details.default.svc.cluster.local:9080');
    expect(details?.listener).toBe('0.0.0.0_9080');
    expect(details?.clusters).toContain('outbound|9080||details.default.svc.cluster.local');
    expect(rows.some((r) => r.listener === 'virtualInbound' && r.endpoints.length > 0)).toBe(true);
    c.ws.send('not json');
    await waitFor(() => c.messages.some((m) => m.type === 'response' && m.id === -1), 'the parse error');
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.ws.close();
  });

  it('serves the page, and refuses other hosts, other origins and paths outside its folder', async () => {
    const index = await fetch(server.url);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await index.text()).toContain('minimesh');
    const asset = await fetch(`${server.url}assets/app-1a2b.js`);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    // Raw paths (fetch would normalise the dots away before sending).
    const { request } = await import('node:http');
    const raw = (path: string, host = new URL(server.url).host) =>
      new Promise<number>((resolve, reject) => {
        const req = request(server.url, { path, headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on('error', reject);
        req.end();
      });
    writeFileSync(join(assetsDir, '..', 'outside-secret.html'), 'secret');
    expect(await raw(`/../${assetsDir.split('/').at(-1) ?? ''}/index.html`)).toBe(404);
    expect(await raw('/assets/../../outside-secret.html')).toBe(404);
    expect(await raw('/%2e%2e/outside-secret.html')).toBe(404);
    expect(await raw('/assets/..%2f..%2foutside-secret.html')).toBe(404);
    expect(await raw('/.hidden')).toBe(404);
    rmSync(join(assetsDir, '..', 'outside-secret.html'), { force: true });
    expect((await fetch(`${server.url}nope.js`)).status).toBe(404);
    expect(await raw('/', 'evil.example')).toBe(403);
    await expect(
      connect(`${server.url.replace('http', 'ws')}ws`, { origin: 'http://evil.example' }),
    ).rejects.toThrow(/403/);
  });
});
