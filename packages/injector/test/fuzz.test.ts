// Fuzz: 1,500 pods made by mutating real ones (the golden inputs and Istio's corpus) with a seeded PRNG, so a
// failure is reproducible from its index. Every pod is either injected with a patch that applies (and a second
// injection is a fixed point), or skipped with a stable code and a sentence, or refused with an InjectorError
// code: never another exception. The admission path never throws either.
import jsonpatch from 'fast-json-patch';
import { describe, expect, test } from 'vitest';
import {
  InjectorError,
  InjectorErrorCode,
  inject,
  type PodLike,
  reviewAdmission,
  SkipCode,
} from '../src/index.js';
import { corpusFiles, podTemplates, readCorpus } from './corpus-helpers.js';
import { GOLDEN_CASES } from './golden/cases.js';

/** mulberry32: a small, fast, seedable PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ANNOTATIONS = [
  'sidecar.istio.io/inject',
  'sidecar.istio.io/interceptionMode',
  'sidecar.istio.io/proxyCPU',
  'sidecar.istio.io/proxyMemoryLimit',
  'sidecar.istio.io/proxyImage',
  'sidecar.istio.io/nativeSidecar',
  'sidecar.istio.io/rewriteAppHTTPProbers',
  'sidecar.istio.io/status',
  'sidecar.istio.io/userVolume',
  'sidecar.istio.io/userVolumeMount',
  'status.sidecar.istio.io/port',
  'proxy.istio.io/config',
  'proxy.istio.io/overrides',
  'traffic.sidecar.istio.io/includeOutboundIPRanges',
  'traffic.sidecar.istio.io/excludeInboundPorts',
  'traffic.sidecar.istio.io/excludeOutboundPorts',
  'traffic.sidecar.istio.io/includeInboundPorts',
  'prometheus.io/scrape',
  'prometheus.io/port',
  'prometheus.istio.io/merge-metrics',
  'prometheus.istio.io/scrape-targets',
  'inject.istio.io/templates',
  'readiness.status.sidecar.istio.io/periodSeconds',
  'kubectl.kubernetes.io/default-container',
];
const VALUES = [
  '',
  'true',
  'false',
  'TPROXY',
  'NONE',
  'REDIRECT',
  'bogus',
  '100m',
  '1Gi',
  '-1',
  '0',
  '15020',
  '15090',
  '65536',
  '8080,9090',
  '80,http',
  '*',
  '10.0.0.0/8',
  '10.0.0.0/33',
  '::1/128',
  'gateway',
  'sidecar',
  'nope',
  '{}',
  '[]',
  '{"x":{"emptyDir":{}}}',
  '{"containers":[{"name":"istio-proxy"}]}',
  'holdApplicationUntilProxyStarts: true',
  'proxyMetadata: [1]',
  ': :',
  '{"initContainers":["istio-init"],"containers":null}',
  '8080:/m,9100',
  'registry.example.com/p:1',
  'docker.io/istio/proxyv2:1.30.0',
];

function seeds(): PodLike[] {
  const out: PodLike[] = GOLDEN_CASES.map((c) => c.pod);
  for (const f of corpusFiles()
    .filter((n) => n.endsWith('.yaml') && !n.endsWith('.iop.yaml'))
    .slice(0, 60)) {
    for (const t of podTemplates(readCorpus(f)))
      out.push({ metadata: (t.metadata ?? {}) as PodLike['metadata'], spec: t.spec as PodLike['spec'] });
  }
  return out;
}

function mutate(base: PodLike, rnd: () => number): unknown {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const pod = structuredClone(base) as PodLike & Record<string, unknown>;
  pod.metadata ??= {};
  const meta = pod.metadata;
  const steps = 1 + Math.floor(rnd() * 5);
  for (let i = 0; i < steps; i++) {
    const r = rnd();
    if (r < 0.3) meta.annotations = { ...meta.annotations, [pick(ANNOTATIONS)]: pick(VALUES) };
    else if (r < 0.4)
      meta.labels = {
        ...meta.labels,
        [pick(['sidecar.istio.io/inject', 'app', 'version', 'istio.io/rev'])]: pick(VALUES),
      };
    else if (r < 0.5)
      pod.spec.containers.push({
        name: pick(['app2', 'istio-proxy', 'istio-init', 'x']),
        ports: [{ containerPort: 1 + Math.floor(rnd() * 65535), name: pick(['http', 'grpc', '']) }],
      });
    else if (r < 0.58)
      pod.spec.initContainers = [
        ...(pod.spec.initContainers ?? []),
        { name: pick(['setup', 'istio-init', 'istio-validation', 'istio-proxy']) },
      ];
    else if (r < 0.68) {
      const c = pod.spec.containers[Math.floor(rnd() * pod.spec.containers.length)];
      if (c !== undefined) {
        const port = pick<number | string>([80, 'http', 'missing', 15020, 0]);
        c[pick(['readinessProbe', 'livenessProbe', 'startupProbe'])] = pick([
          { httpGet: { port, path: '/p', scheme: pick(['HTTP', 'HTTPS']) } },
          { tcpSocket: { port } },
          { grpc: { port: 9090 } },
          { exec: { command: ['true'] } },
        ]);
      }
    } else if (r < 0.72) pod.spec.hostNetwork = rnd() < 0.5;
    else if (r < 0.76) meta.namespace = pick(['kube-system', 'default', 'shop', '']);
    else if (r < 0.8)
      pod.spec.containers = pod.spec.containers.slice(0, Math.floor(rnd() * pod.spec.containers.length));
    else if (r < 0.84)
      pod.spec.volumes = [
        ...(pod.spec.volumes ?? []),
        { name: pick(['istio-envoy', 'data', 'workload-socket']) },
      ];
    else if (r < 0.87)
      (pod.spec.containers[0] ?? { name: 'z' }).securityContext = { runAsUser: pick([0, 1337, 1234]) };
    else if (r < 0.9)
      meta.annotations = { ...meta.annotations, [pick(ANNOTATIONS)]: 42 as unknown as string };
    else if (r < 0.92) {
      (pod.spec as Record<string, unknown>).containers = pick([null, 'x', [{}], [{ name: '' }]]);
      break; // the pod is broken beyond further edits
    } else if (r < 0.94) {
      (pod as Record<string, unknown>).spec = pick([undefined, null, []]);
      break;
    } else if (r < 0.97)
      meta.ownerReferences = [
        {
          apiVersion: 'apps/v1',
          kind: pick(['ReplicaSet', 'Job', 'StatefulSet']),
          name: pick(['a-b', 'job-12345678', 'x']),
          controller: true,
        },
      ];
    else meta.generateName = pick(['a-', 'job-', '']);
  }
  return pod;
}

describe('fuzz', () => {
  test('1,500 mutated pods: a valid patch, a clear skip, or an InjectorError', () => {
    const rnd = prng(0x1ec7);
    const bases = seeds();
    const counts = { injected: 0, skipped: 0, refused: 0 };
    const skipCodes = new Set<string>(Object.values(SkipCode));
    const errorCodes = new Set<string>(Object.values(InjectorErrorCode));
    const started = performance.now();
    for (let i = 0; i < 1500; i++) {
      const input = mutate(bases[Math.floor(rnd() * bases.length)] as PodLike, rnd);
      const before = JSON.stringify(input);
      let result: ReturnType<typeof inject>;
      try {
        result = inject(input as PodLike, { namespace: 'fuzz' });
      } catch (e) {
        if (!(e instanceof InjectorError))
          throw new Error(`pod #${i} threw ${(e as Error).stack}\n${before}`);
        expect(errorCodes.has(e.code), `pod #${i}: code ${e.code}`).toBe(true);
        expect(e.message.length).toBeGreaterThan(10);
        counts.refused++;
        continue;
      }
      expect(JSON.stringify(input), `pod #${i} was modified`).toBe(before);
      if (!result.report.injected) {
        expect(skipCodes.has(result.report.skip?.code ?? ''), `pod #${i}`).toBe(true);
        expect(result.report.skip?.message.length).toBeGreaterThan(10);
        expect(result.patch).toEqual([]);
        counts.skipped++;
        continue;
      }
      const applied = jsonpatch.applyPatch(
        JSON.parse(before),
        jsonpatch.deepClone(result.patch),
        true,
        false,
      ).newDocument;
      expect(applied, `pod #${i}: the patch does not give the injected pod`).toEqual(result.pod);
      expect(inject(result.pod, { namespace: 'fuzz' }).pod, `pod #${i}: second injection differs`).toEqual(
        result.pod,
      );
      counts.injected++;
    }
    // Every path was exercised, in bounded time.
    expect(counts.injected).toBeGreaterThan(300);
    expect(counts.skipped).toBeGreaterThan(50);
    expect(counts.refused).toBeGreaterThan(50);
    expect(performance.now() - started).toBeLessThan(45_000);
  }, 60_000);

  test('the admission path answers every mutated review, never throws, always echoes the uid', () => {
    const rnd = prng(7);
    const bases = seeds();
    for (let i = 0; i < 300; i++) {
      const uid = `uid-${i}`;
      const object = mutate(bases[Math.floor(rnd() * bases.length)] as PodLike, rnd);
      const review = reviewAdmission({
        apiVersion: rnd() < 0.5 ? 'admission.k8s.io/v1' : 'admission.k8s.io/v1beta1',
        kind: 'AdmissionReview',
        request: {
          uid,
          kind: { group: '', version: 'v1', kind: 'Pod' },
          operation: 'CREATE',
          namespace: 'fuzz',
          object,
        },
      });
      expect(review.review.response.uid).toBe(uid);
      if (!review.review.response.allowed)
        expect(review.review.response.status?.message).toMatch(/^INJ\d{3} /);
    }
  });
});
