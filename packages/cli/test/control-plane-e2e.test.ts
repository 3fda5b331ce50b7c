// End to end on 127.0.0.1, with nothing faked: the control plane over bookinfo's manifests, the ingress gateway
// proxy, productpage's and details' sidecars (startProxy with the address plan's inbound ports and forward proxy) and
// the real bookinfo apps as processes (PORT, POD_NAME and HTTP_PROXY from the plan, as `mesh dev` sets them). HTTP
// through the gateway reaches productpage (gateway route -> EDS endpoint rewritten to the sidecar's inbound port ->
// virtualInbound chain of port 9080 -> inbound cluster rewritten to the app's port), and productpage's call to
// details goes out through its sidecar's forward proxy and in through details' sidecar.
import { type ChildProcess, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunningProxy } from '@minimesh/proxy';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  copyBookinfo,
  startPlannedProxy,
  startTestPlane,
  type TestPlane,
  waitFor,
} from './control-plane-helpers.js';

const BOOKINFO = fileURLToPath(new URL('../../../examples/bookinfo', import.meta.url));

let dir: string;
let t: TestPlane;
const proxies: RunningProxy[] = [];
const apps: ChildProcess[] = [];

/** Starts the app of `workloadName` as `mesh dev` would: its minimesh.dev/run command and env, and the plan's ports. */
function startApp(workloadName: string): { podName: string } {
  const w = t.cp.workloadPlan.instances.find((i) => i.workloadName === workloadName);
  const a = w === undefined ? undefined : t.cp.addressPlan.pod(w.podName, w.namespace);
  if (w?.run === undefined || a === undefined) throw new Error(`no runnable workload ${workloadName}`);
  const [cmd = 'node', ...args] = w.run.argv;
  const child = spawn(cmd === 'node' ? process.execPath : cmd, args, {
    cwd: BOOKINFO,
    env: {
      ...process.env,
      ...w.run.env,
      PORT: String(a.appPorts[a.containerPorts[0] ?? 9080]),
      HOST: '127.0.0.1',
      POD_NAME: w.podName,
      HTTP_PROXY: `http://127.0.0.1:${a.forwardProxyPort}`,
      NO_PROXY: '',
    },
    stdio: ['ignore', 'ignore', 'ignore'],
  });
  apps.push(child);
  return { podName: w.podName };
}

async function get(port: number, path: string): Promise<{ status: number; body: string }> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(10_000) });
  return { status: res.status, body: await res.text() };
}

beforeAll(async () => {
  dir = copyBookinfo();
  t = await startTestPlane(dir, { watch: false });
  for (const name of ['istio-ingressgateway', 'productpage-v1', 'details-v1'])
    proxies.push(await startPlannedProxy(t.cp, name));
  startApp('productpage-v1');
  startApp('details-v1');
}, 60_000);

afterAll(async () => {
  for (const p of proxies) await p.close();
  for (const a of apps) a.kill('SIGTERM');
  await t?.cp.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('end to end through the gateway', () => {
  it('serves /productpage through the gateway, with details reached through both sidecars', async () => {
    const gw = t.cp.workloadPlan.gateways[0];
    const port = t.cp.addressPlan.pod(gw?.podName ?? '', gw?.namespace)?.listenerPorts[8080] ?? 0;
    expect(port).toBeGreaterThan(0);
    const page = await waitFor(
      async () => {
        const r = await get(port, '/productpage').catch(() => undefined);
        return r?.status === 200 && r.body.includes('ISBN-10') ? r : undefined;
      },
      'the product page with details',
      20_000,
    );
    expect(page.body).toContain('<title>Simple Bookstore App</title>');
    expect(page.body).toContain('The Comedy of Errors');
    expect(page.body).toContain('paperback');
    // No reviews app runs: the page says so as Istio's does.
    expect(page.body).toContain('Sorry, product reviews are currently unavailable for this book.');
    expect(proxies[1]?.stats.value('cluster.inbound|9080||.upstream_rq_total') ?? 0).toBeGreaterThan(0);
    expect(
      proxies[1]?.stats.value('cluster.outbound|9080||details.default.svc.cluster.local.upstream_rq_total') ??
        0,
    ).toBeGreaterThan(0);
    expect(proxies[2]?.stats.value('cluster.inbound|9080||.upstream_rq_total') ?? 0).toBeGreaterThan(0);
  }, 30_000);

  it('answers 404 through the gateway for a path no route matches', async () => {
    const gw = t.cp.workloadPlan.gateways[0];
    const port = t.cp.addressPlan.pod(gw?.podName ?? '', gw?.namespace)?.listenerPorts[8080] ?? 0;
    expect((await get(port, '/not-routed')).status).toBe(404);
  });

  it('follows an applied route: a direct response VirtualService replaces the page', async () => {
    const vs = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: bookinfo
spec:
  hosts: ["*"]
  gateways: [bookinfo-gateway]
  http:
    - match:
        - uri:
            exact: /productpage
      directResponse:
        status: 418
        body:
          string: maintenance
`;
    const outcome = await t.cp.apply([{ path: 'maintenance.yaml', content: vs }]);
    expect(outcome.results.map((r) => r.action)).toEqual(['configured']);
    const gw = t.cp.workloadPlan.gateways[0];
    const port = t.cp.addressPlan.pod(gw?.podName ?? '', gw?.namespace)?.listenerPorts[8080] ?? 0;
    const r = await waitFor(async () => {
      const x = await get(port, '/productpage');
      return x.status === 418 ? x : undefined;
    }, 'the direct response');
    expect(r.body).toBe('maintenance');
  });
});
