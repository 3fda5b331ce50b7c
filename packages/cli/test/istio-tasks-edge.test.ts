// Istio's edge and Gateway API tasks on a real `mesh dev`: ingress by path (Istio's bookinfo-gateway.yaml) and by
// host (the Ingress Gateways task's httpbin Gateway, its inline YAML), egress to a server outside the mesh that
// REGISTRY_ONLY (the mesh config's, then a Sidecar's) blocks until a ServiceEntry names it, and bookinfo with
// Istio's gateway-api/ YAML (its Gateway, run from the start, and its routes with platform/kube/
// bookinfo-versions.yaml, unchanged). Real HTTP through the gateways on 127.0.0.1 and from inside the mesh (the
// load client's server mode, through its sidecar). One mesh for the file.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { applyCommand } from '../src/index.js';
import { BOOKINFO } from './dev-mesh-helpers.js';
import {
  appLogLines,
  fetchFromMesh,
  gatewayLocalPort,
  http,
  ISTIO_GATEWAY_API,
  ISTIO_NETWORKING,
  ISTIO_SAMPLES,
  login,
  meshApply,
  meshDelete,
  OUR_NETWORKING,
  productPage,
  reviewsVersion,
  startTaskMesh,
  type TaskMesh,
  waitFor,
} from './istio-tasks-helpers.js';

/** The Ingress Gateways task's Gateway and VirtualService for httpbin (istio.io, "Configuring ingress using a gateway"). */
const HTTPBIN_INGRESS = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata:
  name: httpbin-gateway
spec:
  selector:
    istio: ingressgateway
  servers:
  - port:
      number: 80
      name: http
      protocol: HTTP
    hosts:
    - "httpbin.example.com"
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: httpbin
spec:
  hosts:
  - "httpbin.example.com"
  gateways:
  - httpbin-gateway
  http:
  - match:
    - uri:
        prefix: /status
    - uri:
        prefix: /delay
    route:
    - destination:
        port:
          number: 8000
        host: httpbin
`;

let mesh: TaskMesh;
let scratch: string;
let books: ChildProcess | undefined;
let cleanup: string[] = [];

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), 'istio-tasks-edge-'));
  // Istio's Gateway API Gateway runs from the start: `mesh dev` starts the gateway istiod would deploy for it.
  mesh = await startTaskMesh([join(ISTIO_GATEWAY_API, 'bookinfo-gateway.yaml')]);
}, 120_000);

afterEach(async () => {
  const files = cleanup;
  cleanup = [];
  if (files.length > 0) await meshDelete(mesh, ...files);
}, 30_000);

afterAll(async () => {
  books?.kill('SIGTERM');
  await mesh?.close();
  rmSync(scratch, { recursive: true, force: true });
}, 30_000);

/** Lines of productpage's access log that contain `needle`. */
const productpageLines = (needle: string) =>
  appLogLines(mesh.logsDir, 'productpage-v1-').filter((l) => l.includes(needle));

describe('ingress (Istio: Ingress Gateways, bookinfo-gateway.yaml)', () => {
  it('bookinfo-gateway.yaml routes /productpage, /static, /login, /logout and /api/v1/products only', async () => {
    const out = await meshApply(mesh, join(ISTIO_NETWORKING, 'bookinfo-gateway.yaml'));
    expect(out).toContain('gateway.networking.istio.io/bookinfo-gateway');
    const page = await productPage(mesh);
    expect(page.status).toBe(200);
    expect(page.body).toContain('The Comedy of Errors');
    const cookie = await login(mesh.gatewayUrl, 'jason');
    expect((await productPage(mesh, cookie)).body).toContain('jason');
    const logout = await http(`${mesh.gatewayUrl}/logout`, { headers: { cookie } });
    expect(logout.status).toBe(302);
    expect(logout.headers['set-cookie']?.[0]).toMatch(/^user=;/);
    const products = await http(`${mesh.gatewayUrl}/api/v1/products`);
    expect(products.status).toBe(200);
    expect(JSON.parse(products.body)).toEqual(
      expect.arrayContaining([expect.objectContaining({ title: 'The Comedy of Errors' })]),
    );
    const reviews = await http(`${mesh.gatewayUrl}/api/v1/products/0/reviews`);
    expect(reviews.status).toBe(200);
    // /static/* is routed to productpage (which has no static files here): its access log shows the request.
    const asset = `/static/bootstrap/css/bootstrap.min.css?t=${Date.now()}`;
    await http(`${mesh.gatewayUrl}${asset}`);
    await waitFor(() => productpageLines(asset).length === 1, 'the /static request at productpage');
    // Paths the VirtualService does not name get the gateway's 404 and never reach productpage.
    for (const path of [`/health?t=${Date.now()}`, `/index.html?t=${Date.now()}`]) {
      const r = await http(`${mesh.gatewayUrl}${path}`);
      expect(r.status).toBe(404);
      expect(productpageLines(path)).toEqual([]);
    }
  }, 60_000);

  it('the httpbin Gateway on port 80 answers Host httpbin.example.com for /status and /delay; else 404', async () => {
    const file = join(scratch, 'httpbin-gateway.yaml');
    writeFileSync(file, HTTPBIN_INGRESS);
    await meshApply(mesh, file);
    cleanup.push(file);
    const host = { host: 'httpbin.example.com' };
    const ok = await waitFor(async () => {
      const r = await http(`${mesh.gatewayUrl}/status/200`, { headers: host });
      return r.status === 200 ? r : undefined;
    }, 'httpbin through the gateway');
    expect(ok.status).toBe(200);
    expect((await http(`${mesh.gatewayUrl}/status/418`, { headers: host })).status).toBe(418);
    expect((await http(`${mesh.gatewayUrl}/delay/1`, { headers: host })).status).toBe(200);
    expect((await http(`${mesh.gatewayUrl}/headers`, { headers: host })).status).toBe(404);
    expect(
      (await http(`${mesh.gatewayUrl}/status/200`, { headers: { host: 'other.example.com' } })).status,
    ).toBe(404);
    // bookinfo's Gateway (host *) still serves its own paths.
    expect((await productPage(mesh)).status).toBe(200);
  }, 60_000);
});

/** Starts examples/bookinfo's books-api outside the mesh on a free port; resolves with that port. */
async function startBooksApi(): Promise<number> {
  const child = spawn(process.execPath, [join(BOOKINFO, 'dist', 'books-api', 'main.js')], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  books = child;
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const port = await waitFor(() => /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1], 'books-api');
  return Number(port);
}

/** What `istioctl install --set meshConfig.outboundTrafficPolicy.mode=REGISTRY_ONLY` leaves in the cluster. */
const MESH_CONFIG_REGISTRY_ONLY = `apiVersion: v1
kind: ConfigMap
metadata:
  name: istio
  namespace: istio-system
data:
  mesh: |-
    defaultConfig:
      discoveryAddress: istiod.istio-system.svc:15012
    outboundTrafficPolicy:
      mode: REGISTRY_ONLY
`;

describe('egress (Istio: Accessing External Services, REGISTRY_ONLY)', () => {
  let port = 0;
  const url = () => `books.external.test:${port}/books/v1/volumes?q=isbn:0486424618`;

  /**
   * An unknown host on a port the mesh has an HTTP listener for (httpbin's 8000): under ALLOW_ANY the sidecar
   * passes it through (PassthroughCluster; nothing answers there: 503), under REGISTRY_ONLY it answers 502 itself
   * (the `block_all` virtual host, empty body).
   */
  const unknownHost = () => fetchFromMesh(mesh, 'unknown.external.test:8000/get');

  /** Blocked, then allowed once our ServiceEntry (on books-api's port) names the host, then blocked again. */
  async function blockedUntilServiceEntry(): Promise<void> {
    const blockAll = await unknownHost();
    expect(blockAll.status).toBe(502);
    expect(blockAll.body).toBe('');
    const blocked = await fetchFromMesh(mesh, url());
    expect(blocked.status).toBe(502);
    const entry = join(scratch, 'service-entry-books-api.yaml');
    const text = readFileSync(join(OUR_NETWORKING, 'egress', 'service-entry-books-api.yaml'), 'utf8');
    writeFileSync(entry, text.replaceAll('18090', String(port))); // the file names books-api's default port
    await meshApply(mesh, entry);
    const allowed = await fetchFromMesh(mesh, url());
    expect(allowed.status).toBe(200);
    expect(allowed.body).toContain('0486424618');
    await meshDelete(mesh, entry);
    expect((await fetchFromMesh(mesh, url())).status).toBe(502);
  }

  it('the mesh config’s outboundTrafficPolicy REGISTRY_ONLY: outside servers need a ServiceEntry', async () => {
    port = await startBooksApi();
    const passthrough = await unknownHost(); // the default mesh config: ALLOW_ANY
    expect(passthrough.status).toBe(503);
    expect(passthrough.body).toContain('upstream connect error');
    const meshConfig = join(scratch, 'istio-configmap.yaml');
    // A mode the mesh does not know is refused with its file:line, and nothing changes.
    writeFileSync(meshConfig, MESH_CONFIG_REGISTRY_ONLY.replace('REGISTRY_ONLY', 'DENY_ALL'));
    const refused = await applyCommand({ files: [meshConfig], controlPlane: mesh.api });
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toEqual([
      `warning: ${meshConfig}:2:7 kind: unknown kind ConfigMap (apiVersion v1): kept as an opaque object, not validated`,
      `error: ${meshConfig}:7:9 data.mesh: outboundTrafficPolicy.mode "DENY_ALL": expected ALLOW_ANY or REGISTRY_ONLY`,
      'mesh apply: 1 error(s); nothing was changed',
    ]);
    expect((await unknownHost()).status).toBe(503);
    writeFileSync(meshConfig, MESH_CONFIG_REGISTRY_ONLY);
    await meshApply(mesh, meshConfig);
    cleanup.push(meshConfig);
    await blockedUntilServiceEntry();
  }, 60_000);

  it('a Sidecar’s outboundTrafficPolicy REGISTRY_ONLY does the same for its namespace', async () => {
    const sidecar = join(OUR_NETWORKING, 'egress', 'sidecar-registry-only.yaml');
    await meshApply(mesh, sidecar);
    cleanup.push(sidecar);
    await blockedUntilServiceEntry();
  }, 60_000);
});

describe('Gateway API (Istio: bookinfo with gateway-api/ YAML)', () => {
  it('gateway-api/bookinfo-gateway.yaml: the bookinfo-gateway-istio gateway serves the HTTPRoute’s paths only', async () => {
    // Its listener port 80 is served on a local port of the address plan (the proxy's `--port 80=LOCAL`).
    const gateway = `http://127.0.0.1:${gatewayLocalPort(mesh.logsDir, 'bookinfo-gateway-istio-', 80)}`;
    const page = await waitFor(async () => {
      const r = await http(`${gateway}/productpage`);
      return r.status === 200 ? r : undefined;
    }, 'the page through the Gateway API gateway');
    expect(page.body).toContain('The Comedy of Errors');
    expect((await http(`${gateway}/api/v1/products`)).status).toBe(200);
    const cookie = await login(gateway, 'jason');
    expect((await http(`${gateway}/productpage`, { headers: { cookie } })).body).toContain('jason');
    const health = `/health?t=${Date.now()}`;
    expect((await http(`${gateway}${health}`)).status).toBe(404);
    expect(productpageLines(health)).toEqual([]);
  }, 60_000);

  it('route-reviews-90-10.yaml: about 90 % v1 and 10 % v2; route-all-v1.yaml: all v1', async () => {
    const gateway = `http://127.0.0.1:${gatewayLocalPort(mesh.logsDir, 'bookinfo-gateway-istio-', 80)}`;
    const page = async () => (await http(`${gateway}/productpage`)).body;
    const versions = join(ISTIO_SAMPLES, 'bookinfo', 'platform', 'kube', 'bookinfo-versions.yaml');
    await meshApply(mesh, versions);
    const split = join(ISTIO_GATEWAY_API, 'route-reviews-90-10.yaml');
    const out = await meshApply(mesh, split);
    expect(out).toContain('httproute.gateway.networking.k8s.io/reviews created');
    cleanup.push(split, versions);
    await waitFor(async () => reviewsVersion(await page()) === 'v2', 'a v2 page');
    const counts: Record<string, number> = {};
    await Promise.all(
      [0, 1, 2].map(async () => {
        for (let i = 0; i < 100; i++) {
          const v = reviewsVersion(await page()) ?? 'none';
          counts[v] = (counts[v] ?? 0) + 1;
        }
      }),
    );
    expect(Object.keys(counts).sort()).toEqual(['v1', 'v2']);
    // 10 % of 300 is 30, standard deviation 5.2: 12..48 is 3.5 of them.
    expect(counts.v2).toBeGreaterThanOrEqual(12);
    expect(counts.v2).toBeLessThanOrEqual(48);

    const allV1 = join(ISTIO_GATEWAY_API, 'route-all-v1.yaml');
    await meshApply(mesh, allV1);
    // route-all-v1 replaces HTTPRoute reviews: deleting it removes every route the test left.
    cleanup.splice(cleanup.indexOf(split), 1, allV1);
    await waitFor(async () => reviewsVersion(await page()) === 'v1', 'a v1 page');
    for (let i = 0; i < 20; i++) expect(reviewsVersion(await page())).toBe('v1');
  }, 60_000);
});
