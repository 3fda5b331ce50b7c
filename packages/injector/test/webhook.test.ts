// The webhook over real HTTPS (a test CA, a server certificate for 127.0.0.1) with AdmissionReview bodies as the
// kube-apiserver sends them.
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsonpatch from 'fast-json-patch';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startWebhookServer, type WebhookServer } from '../src/index.js';
import { admissionReview, replicaSetPod } from './support/admission-bodies.js';
import { call } from './support/https-client.js';
import { makeTestCa, type TestCa } from './support/test-ca.js';

let ca: TestCa;
let dir: string;
let server: WebhookServer;
const certFile = () => join(dir, 'tls.crt');
const keyFile = () => join(dir, 'tls.key');

beforeAll(async () => {
  ca = await makeTestCa();
  dir = mkdtempSync(join(tmpdir(), 'injector-webhook-'));
  const leaf = await ca.issue('istiod.istio-system.svc', '1001');
  writeFileSync(certFile(), leaf.certPem);
  writeFileSync(keyFile(), leaf.keyPem);
  server = await startWebhookServer({
    certFile: certFile(),
    keyFile: keyFile(),
    tlsPollMs: 50,
    requestTimeoutMs: 1500,
  });
});

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (body: unknown, path = '/inject') =>
  call(server.url, ca.caPem, { body: JSON.stringify(body), contentType: 'application/json', path });

interface Review {
  apiVersion: string;
  kind: string;
  response: {
    uid: string;
    allowed: boolean;
    patchType?: string;
    patch?: string;
    status?: { message: string };
    warnings?: string[];
  };
}

function decodePatch(review: Review): jsonpatch.Operation[] {
  return JSON.parse(
    Buffer.from(review.response.patch ?? '', 'base64').toString('utf8'),
  ) as jsonpatch.Operation[];
}

type Pod = ReturnType<typeof replicaSetPod> & {
  spec: {
    initContainers?: { name: string; env?: { name: string; value?: string }[] }[];
    containers: { name: string; readinessProbe?: unknown }[];
  };
  metadata: { annotations: Record<string, string> };
};

describe('webhook over HTTPS', () => {
  test('listens on 127.0.0.1 by default with a certificate from the test CA', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const r = await call(server.url, ca.caPem, { method: 'GET', path: '/healthz' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('ok\n');
    expect(r.peer.serialNumber).toBe('1001');
    expect((await call(server.url, ca.caPem, { method: 'GET', path: '/readyz' })).status).toBe(200);
  });

  test('a v1 CREATE of a ReplicaSet pod gets a JSON patch that injects it', async () => {
    const body = admissionReview();
    const r = await post(body);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json');
    const review = JSON.parse(r.body) as Review;
    expect(review.apiVersion).toBe('admission.k8s.io/v1');
    expect(review.kind).toBe('AdmissionReview');
    expect(review.response.uid).toBe('705ab4f5-6393-11e8-b7cc-42010a800002');
    expect(review.response.allowed).toBe(true);
    expect(review.response.patchType).toBe('JSONPatch');
    const patch = decodePatch(review);
    const object = replicaSetPod();
    const pod = jsonpatch.applyPatch(object, patch, true, false).newDocument as Pod;
    expect(pod.spec.initContainers?.map((c) => c.name)).toEqual(['istio-init', 'istio-proxy']);
    expect(pod.spec.containers.map((c) => c.name)).toEqual(['reviews']);
    const env = pod.spec.initContainers?.[1]?.env ?? [];
    // The pod arrived without a namespace: the request's namespace and the Deployment behind the ReplicaSet are used.
    expect(env.find((e) => e.name === 'ISTIO_META_OWNER')?.value).toBe(
      'kubernetes://apis/apps/v1/namespaces/bookinfo/deployments/reviews-v1',
    );
    expect(env.find((e) => e.name === 'ISTIO_META_WORKLOAD_NAME')?.value).toBe('reviews-v1');
    expect(pod.spec.containers[0]?.readinessProbe).toEqual({
      httpGet: { path: '/app-health/reviews/readyz', port: 15020, scheme: 'HTTP' },
      timeoutSeconds: 1,
      periodSeconds: 10,
      successThreshold: 1,
      failureThreshold: 3,
    });
    expect(JSON.parse(pod.metadata.annotations['sidecar.istio.io/status'] ?? '{}').initContainers).toEqual([
      'istio-init',
      'istio-proxy',
    ]);
    // managedFields and every other field the injector does not own are untouched by the patch.
    expect(patch.some((op) => op.path.startsWith('/metadata/managedFields'))).toBe(false);
    expect(patch.some((op) => op.path.startsWith('/spec/tolerations'))).toBe(false);
  });

  test('a v1beta1 review is answered in v1beta1', async () => {
    const review = JSON.parse(
      (await post(admissionReview({ apiVersion: 'admission.k8s.io/v1beta1', uid: 'b1' }))).body,
    ) as Review;
    expect(review.apiVersion).toBe('admission.k8s.io/v1beta1');
    expect(review.response.uid).toBe('b1');
    expect(review.response.patchType).toBe('JSONPatch');
  });

  test('dry-run gets the same patch (the injector has no side effects)', async () => {
    const wet = JSON.parse((await post(admissionReview({ uid: 'wet' }))).body) as Review;
    const dry = JSON.parse((await post(admissionReview({ uid: 'dry', dryRun: true }))).body) as Review;
    expect(dry.response.uid).toBe('dry');
    expect(dry.response.allowed).toBe(true);
    expect(decodePatch(dry)).toEqual(decodePatch(wet));
  });

  test('UPDATE is allowed without a patch: a running pod keeps its containers', async () => {
    const pod = replicaSetPod();
    const review = JSON.parse(
      (await post(admissionReview({ uid: 'upd', operation: 'UPDATE', object: pod, oldObject: pod }))).body,
    ) as Review;
    expect(review.response).toEqual({ uid: 'upd', allowed: true });
  });

  test('an already injected pod comes back with no patch', async () => {
    const first = JSON.parse((await post(admissionReview())).body) as Review;
    const injected = jsonpatch.applyPatch(replicaSetPod(), decodePatch(first), true, false).newDocument;
    const again = JSON.parse(
      (await post(admissionReview({ uid: 'again', object: injected }))).body,
    ) as Review;
    expect(again.response).toEqual({ uid: 'again', allowed: true });
  });

  test('skips are allowed with no patch: hostNetwork, kube-system, opt-out label', async () => {
    const hostNet = replicaSetPod();
    (hostNet.spec as Record<string, unknown>).hostNetwork = true;
    const a = JSON.parse((await post(admissionReview({ uid: 'h', object: hostNet }))).body) as Review;
    expect(a.response).toEqual({ uid: 'h', allowed: true });
    const b = JSON.parse(
      (await post(admissionReview({ uid: 's', namespace: 'kube-system' }))).body,
    ) as Review;
    expect(b.response).toEqual({ uid: 's', allowed: true });
    const optOut = replicaSetPod();
    (optOut.metadata as { labels: Record<string, string> }).labels['sidecar.istio.io/inject'] = 'false';
    const c = JSON.parse((await post(admissionReview({ uid: 'o', object: optOut }))).body) as Review;
    expect(c.response).toEqual({ uid: 'o', allowed: true });
  });

  test('an invalid annotation is refused with 200, allowed=false and the reason', async () => {
    const pod = replicaSetPod();
    (pod.metadata as { annotations: Record<string, string> }).annotations[
      'traffic.sidecar.istio.io/excludeInboundPorts'
    ] = '80,http';
    const r = await post(admissionReview({ uid: 'bad', object: pod }));
    expect(r.status).toBe(200);
    const review = JSON.parse(r.body) as Review;
    expect(review.response.uid).toBe('bad');
    expect(review.response.allowed).toBe(false);
    expect(review.response.status?.message).toBe(
      "INJ002 invalid value '80,http' for annotation 'traffic.sidecar.istio.io/excludeInboundPorts': excludeInboundPorts invalid: failed parsing port 'http'",
    );
  });

  test('a malformed body is 200 with allowed=false and a message; a body that is not a review too', async () => {
    const r = await call(server.url, ca.caPem, {
      body: '{"kind":"AdmissionReview",',
      contentType: 'application/json',
    });
    expect(r.status).toBe(200);
    const review = JSON.parse(r.body) as Review;
    expect(review.response.allowed).toBe(false);
    expect(review.response.status?.message).toMatch(/^could not decode body: /);
    const notReview = JSON.parse((await post({ kind: 'Pod', apiVersion: 'v1' })).body) as Review;
    expect(notReview.response.allowed).toBe(false);
    expect(notReview.response.status?.message).toContain('expected an AdmissionReview');
    const noPod = JSON.parse(
      (
        await post({
          ...admissionReview({ uid: 'np' }),
          request: { uid: 'np', operation: 'CREATE', object: { spec: {} } },
        })
      ).body,
    ) as Review;
    expect(noPod.response.uid).toBe('np');
    expect(noPod.response.status?.message).toContain('INJ001');
  });

  test('request errors: 400 empty, 415 content type, 413 too large, 405 method, 404 path', async () => {
    const empty = await call(server.url, ca.caPem, { body: '', contentType: 'application/json' });
    expect([empty.status, empty.body]).toEqual([400, 'no body found\n']);
    const text = await call(server.url, ca.caPem, {
      body: JSON.stringify(admissionReview()),
      contentType: 'text/plain',
    });
    expect(text.status).toBe(415);
    expect(text.body).toContain('application/json');
    const big = await call(server.url, ca.caPem, {
      body: Buffer.alloc(5 * 1024 * 1024, 32),
      contentType: 'application/json',
    });
    expect(big.status).toBe(413);
    const get = await call(server.url, ca.caPem, { method: 'GET', path: '/inject' });
    expect([get.status, get.headers.allow]).toEqual([405, 'POST']);
    expect((await call(server.url, ca.caPem, { method: 'GET', path: '/nope' })).status).toBe(404);
  });

  test('the cluster and network in the path reach the proxy environment', async () => {
    const review = JSON.parse(
      (await post(admissionReview({ uid: 'net' }), '/inject/cluster/east/net/network-1')).body,
    ) as Review;
    const pod = jsonpatch.applyPatch(replicaSetPod(), decodePatch(review), true, false).newDocument as Pod;
    const env = pod.spec.initContainers?.[1]?.env ?? [];
    expect(env.slice(-2)).toEqual([
      { name: 'ISTIO_META_CLUSTER_ID', value: 'east' },
      { name: 'ISTIO_META_NETWORK', value: 'network-1' },
    ]);
    expect(
      (pod.metadata as unknown as { labels: Record<string, string> }).labels['topology.istio.io/network'],
    ).toBe('network-1');
  });

  test('a request that stalls is cut off with 408', async () => {
    const socket = await new Promise<import('node:tls').TLSSocket>((resolve, reject) => {
      import('node:tls').then(({ connect: tlsConnect }) => {
        const s = tlsConnect({ host: '127.0.0.1', port: server.port, ca: ca.caPem }, () => resolve(s));
        s.on('error', reject);
      }, reject);
    });
    socket.write(
      'POST /inject HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{',
    );
    const reply = await new Promise<string>((resolve) => {
      let data = '';
      socket.on('data', (d: Buffer) => {
        data += d.toString();
      });
      socket.on('close', () => resolve(data));
    });
    expect(reply).toMatch(/^HTTP\/1\.1 408/);
  }, 10_000);

  test("metrics count requests under Istio's names", async () => {
    const r = await call(server.url, ca.caPem, { method: 'GET', path: '/metrics' });
    expect(r.status).toBe(200);
    const value = (name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(r.body)?.[1]);
    expect(value('sidecar_injection_requests_total')).toBeGreaterThanOrEqual(10);
    expect(value('sidecar_injection_success_total')).toBeGreaterThanOrEqual(5);
    expect(value('sidecar_injection_skip_total')).toBeGreaterThanOrEqual(4);
    expect(r.body).toMatch(/^sidecar_injection_failure_total\{type="inject"\} [1-9]/m);
    expect(r.body).toMatch(/^sidecar_injection_time_seconds_count [1-9]/m);
  });

  test('a new certificate written over the old one is served without a restart', async () => {
    const next = await ca.issue('istiod.istio-system.svc', '2002');
    // Written aside and renamed into place, as a Secret volume update does.
    writeFileSync(`${certFile()}.new`, next.certPem);
    writeFileSync(`${keyFile()}.new`, next.keyPem);
    renameSync(`${keyFile()}.new`, keyFile());
    renameSync(`${certFile()}.new`, certFile());
    let serial = '';
    for (let i = 0; i < 100 && serial !== '2002'; i++) {
      await new Promise((r) => setTimeout(r, 50));
      serial = (await call(server.url, ca.caPem, { method: 'GET', path: '/healthz' })).peer.serialNumber;
    }
    expect(serial).toBe('2002');
    // A broken pair keeps the current one serving.
    writeFileSync(certFile(), 'not a certificate');
    await new Promise((r) => setTimeout(r, 300));
    expect((await call(server.url, ca.caPem, { method: 'GET', path: '/healthz' })).peer.serialNumber).toBe(
      '2002',
    );
    expect(() => server.reloadTls()).toThrow(/INJ006|certificate/);
  });
});

describe('webhook flags', () => {
  test('flags become server options; config files are read as YAML', async () => {
    const { webhookOptionsFromArgs } = await import('../src/index.js');
    writeFileSync(
      join(dir, 'mesh.yaml'),
      'trustDomain: example.org\ndefaultConfig:\n  holdApplicationUntilProxyStarts: true\n',
    );
    writeFileSync(join(dir, 'values.yaml'), 'flavor: minimesh\n');
    const o = webhookOptionsFromArgs([
      '--listen=0.0.0.0:15017',
      '--tls-cert',
      certFile(),
      `--tls-key=${keyFile()}`,
      '--revision=canary',
      `--mesh-config=${join(dir, 'mesh.yaml')}`,
      `--values=${join(dir, 'values.yaml')}`,
      '--timeout-ms=5000',
    ]);
    expect(o).toEqual({
      host: '0.0.0.0',
      port: 15017,
      certFile: certFile(),
      keyFile: keyFile(),
      requestTimeoutMs: 5000,
      inject: {
        revision: 'canary',
        meshConfig: { trustDomain: 'example.org', defaultConfig: { holdApplicationUntilProxyStarts: true } },
        values: { flavor: 'minimesh' },
      },
    });
    expect(() => webhookOptionsFromArgs(['--tls-cert=a'])).toThrow(/--tls-cert and --tls-key are required/);
    expect(() => webhookOptionsFromArgs(['--bogus=1'])).toThrow(/unknown flag --bogus/);
    expect(() => webhookOptionsFromArgs(['--tls-cert=a', '--tls-key=b', '--listen=nope'])).toThrow(
      /--listen must be host:port/,
    );
  });
});
