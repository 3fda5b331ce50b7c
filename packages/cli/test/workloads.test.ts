// The workload plan: pod names, labels, ports, run annotations and pod IPs of the local instances, the gateway
// instances, and the selection of one by --proxy / --gateway, over examples/bookinfo and inline manifests.
import {
  buildRegistry,
  formatDiagnostic,
  type LoadedResource,
  loadDirectory,
  loadManifests,
} from '@minimesh/model';
import { describe, expect, it } from 'vitest';
import {
  allocatePodIps,
  deploymentPodName,
  InstanceSelectError,
  KUBE_SAFE_ALPHABET,
  planWorkloads,
  resolveArgv,
  selectInstance,
} from '../src/index.js';
import { MANIFESTS } from './offline-fixtures.js';

const S = `[${KUBE_SAFE_ALPHABET}]`;
const podOf = (deployment: string) => new RegExp(`^${deployment}-${S}{10}-${S}{5}$`);

const load = (text: string, file = 'inline.yaml'): LoadedResource[] => {
  const r = loadManifests(text, { file });
  if (!r.ok) throw new Error(r.errors.map(formatDiagnostic).join('\n'));
  return r.resources;
};

const deployment = (
  name: string,
  extra: { replicas?: number; annotations?: string; labels?: string } = {},
) => `
apiVersion: apps/v1
kind: Deployment
metadata: { name: ${name} }
spec:
  replicas: ${extra.replicas ?? 1}
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata:
      labels: { app: ${name}${extra.labels ?? ''} }
      annotations:
${extra.annotations ?? '        minimesh.dev/run: node dist/x.js'}
    spec:
      containers:
        - name: main
          image: x
          ports: [{ containerPort: 8080, name: http-web }]
`;

describe('planWorkloads over examples/bookinfo/manifests', async () => {
  const { resources } = await loadDirectory(MANIFESTS);
  const plan = planWorkloads(resources);

  it('plans one instance per Deployment replica, named as Kubernetes names pods, plus the ingress gateway', () => {
    const sidecars = plan.instances.filter((i) => i.proxyType === 'sidecar');
    expect(sidecars.map((i) => i.workloadName).sort()).toEqual([
      'details-v1',
      'fortio-v1',
      'httpbin-v1',
      'httpbin-v2',
      'productpage-v1',
      'ratings-v1',
      'reviews-v1',
      'reviews-v2',
      'reviews-v3',
    ]);
    for (const i of sidecars) expect(i.podName).toMatch(podOf(i.workloadName));
    expect(plan.diagnostics).toEqual([]);
  });

  it('takes labels, namespace, service account, container ports and the run annotations from the template', () => {
    const v2 = plan.instances.find((i) => i.workloadName === 'reviews-v2')!;
    expect(v2.labels).toMatchObject({ app: 'reviews', version: 'v2' });
    expect(v2.labels['pod-template-hash']).toBe(v2.podName.split('-')[2]);
    expect(v2.namespace).toBe('default');
    expect(v2.serviceAccount).toBe('bookinfo-reviews');
    expect(v2.containerPorts).toEqual([{ container: 'reviews', port: 9080, protocol: 'TCP' }]);
    expect(v2.run?.argv).toEqual(['node', 'dist/reviews/main.js']);
    expect(v2.run?.env).toEqual({ SERVICE_VERSION: 'v2', ENABLE_RATINGS: 'true', STAR_COLOR: 'black' });
    expect(v2.run?.file).toBe(`${MANIFESTS}/bookinfo.yaml`);
    expect(v2.run?.line).toBe(222);
    expect(v2.proxyId).toBe(`sidecar~${v2.address}~${v2.podName}.default~default.svc.cluster.local`);
  });

  it('gives every instance a distinct synthetic pod IP in 10.200.0.0/16', () => {
    const ips = plan.instances.map((i) => i.address);
    expect(new Set(ips).size).toBe(ips.length);
    for (const ip of ips) expect(ip).toMatch(/^10\.200\.\d{1,3}\.\d{1,3}$/);
  });

  it('is deterministic: the same names and addresses for the same resources in any order', async () => {
    const again = planWorkloads([...(await loadDirectory(MANIFESTS)).resources].reverse());
    expect(again.instances.map((i) => [i.podName, i.address])).toEqual(
      plan.instances.map((i) => [i.podName, i.address]),
    );
  });

  it("adds Istio's default ingress gateway, which bookinfo-gateway.yaml's selector selects", () => {
    expect(plan.gateways).toHaveLength(1);
    const gw = plan.gateways[0]!;
    expect(gw).toMatchObject({
      proxyType: 'router',
      namespace: 'istio-system',
      workloadName: 'istio-ingressgateway',
      ownerKind: 'builtin',
      serviceAccount: 'istio-ingressgateway-service-account',
    });
    expect(gw.podName).toMatch(podOf('istio-ingressgateway'));
    expect(gw.labels).toMatchObject({ istio: 'ingressgateway', app: 'istio-ingressgateway' });
    expect(gw.proxyId.startsWith('router~')).toBe(true);
    expect(plan.resources.map((r) => `${r.kind} ${r.namespace}/${r.name}`)).toEqual([
      'Service istio-system/istio-ingressgateway',
    ]);
  });

  it('gives buildRegistry workloads that back the Services and subsets', () => {
    const registry = buildRegistry([...resources, ...plan.resources], { workloads: plan.workloads });
    const v1 = plan.instances.find((i) => i.workloadName === 'reviews-v1')!;
    const eps = registry.endpointsFor('reviews.default.svc.cluster.local', 9080, { version: 'v1' });
    expect(eps.map((e) => e.instance.address)).toEqual([v1.address]);
    expect(eps[0]?.instance.workloadName).toBe('reviews-v1');
  });
});

describe('planWorkloads over inline manifests', () => {
  it('plans `replicas` instances sharing the template hash, and none for replicas 0', () => {
    const plan = planWorkloads(
      load(`${deployment('web', { replicas: 3 })}---${deployment('off', { replicas: 0 })}`),
    );
    const web = plan.instances.filter((i) => i.workloadName === 'web');
    expect(web.map((i) => i.index).sort()).toEqual([0, 1, 2]);
    expect(new Set(web.map((i) => i.podName.split('-')[1])).size).toBe(1);
    expect(new Set(web.map((i) => i.podName)).size).toBe(3);
    expect(plan.instances.some((i) => i.workloadName === 'off')).toBe(false);
    expect(web[0]?.podName).toBe(deploymentPodName('default', 'web', web[0]!.index));
    expect(web[0]?.input?.ports).toEqual({ 'http-web': 8080 });
  });

  it('names StatefulSet pods by ordinal and keeps a Pod its name and status.podIP', () => {
    const plan = planWorkloads(
      load(`
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: db, namespace: data }
spec:
  replicas: 2
  selector: { matchLabels: { app: db } }
  template:
    metadata: { labels: { app: db } }
    spec: { containers: [{ name: db, image: x }] }
---
apiVersion: v1
kind: Pod
metadata: { name: solo, labels: { app: solo } }
spec: { containers: [{ name: s, image: x }] }
status: { podIP: 10.1.2.3 }
`),
    );
    expect(
      plan.instances.filter((i) => i.ownerKind === 'StatefulSet').map((i) => `${i.podName}.${i.namespace}`),
    ).toEqual(['db-0.data', 'db-1.data']);
    const solo = plan.instances.find((i) => i.podName === 'solo')!;
    expect(solo.address).toBe('10.1.2.3');
    expect(solo.input).toBeUndefined(); // the registry has the Pod from its manifest
    expect(plan.workloads.some((w) => w.name === 'solo')).toBe(false);
  });

  it("uses the manifests' istio-ingressgateway Deployment as the gateway instead of the built-in one", () => {
    const plan = planWorkloads(
      load(
        deployment('istio-ingressgateway', {
          labels: ', istio: ingressgateway',
          annotations: '        x: y',
        }),
      ),
    );
    expect(plan.gateways.map((g) => [g.workloadName, g.ownerKind, g.proxyType])).toEqual([
      ['istio-ingressgateway', 'Deployment', 'router'],
    ]);
    expect(plan.resources).toEqual([]);
  });

  it("treats a Deployment using Istio's gateway injection template as a gateway proxy", () => {
    const plan = planWorkloads(
      load(
        deployment('my-gateway', {
          labels: ', istio: my-gateway',
          annotations: '        inject.istio.io/templates: gateway',
        }),
      ),
    );
    expect(plan.gateways.map((g) => [g.workloadName, g.ownerKind, g.proxyType])).toEqual([
      ['istio-ingressgateway', 'builtin', 'router'], // still there: bookinfo's Gateway selects istio=ingressgateway
      ['my-gateway', 'Deployment', 'router'],
    ]);
  });

  it('adds the `<name>-istio` gateway istiod deploys for a Gateway API Gateway of class istio', () => {
    const plan = planWorkloads(
      load(`
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: { name: bookinfo-gateway }
spec:
  gatewayClassName: istio
  listeners: [{ name: http, port: 80, protocol: HTTP }]
`),
    );
    const gw = plan.gateways.find((g) => g.ownerKind === 'GatewayAPI')!;
    expect(gw.workloadName).toBe('bookinfo-gateway-istio');
    expect(gw.labels['gateway.networking.k8s.io/gateway-name']).toBe('bookinfo-gateway');
    expect(plan.gateways[0]?.ownerKind).toBe('builtin'); // the ingress gateway stays first
  });

  it("reports a bad minimesh.dev/env entry at the annotation's file:line", () => {
    const plan = planWorkloads(
      load(
        deployment('web', {
          annotations: '        minimesh.dev/run: node a.js\n        minimesh.dev/env: GOOD=1 1BAD=2',
        }),
        'web.yaml',
      ),
    );
    expect(plan.diagnostics).toHaveLength(1);
    const d = plan.diagnostics[0]!;
    expect(d).toMatchObject({ code: 'MM_DEV_ENV_INVALID', severity: 'error', file: 'web.yaml', line: 13 });
    expect(formatDiagnostic(d as never)).toMatch(
      /^web\.yaml:13:\d+ spec\.template\.metadata\.annotations\["minimesh\.dev\/env"\]: "1BAD=2" is not an environment entry; expected KEY=VALUE/,
    );
    expect(plan.instances.find((i) => i.workloadName === 'web')?.run).toBeUndefined();
  });

  it('reports an empty minimesh.dev/run and warns about an env without a run', () => {
    const plan = planWorkloads(
      load(
        deployment('a', { annotations: '        minimesh.dev/run: ""' }) +
          '---' +
          deployment('b', { annotations: '        minimesh.dev/env: X=1' }),
        'ab.yaml',
      ),
    );
    expect(plan.diagnostics.map((d) => [d.code, d.severity, d.line])).toEqual([
      ['MM_DEV_RUN_EMPTY', 'error', 12],
      ['MM_DEV_ENV_WITHOUT_RUN', 'warning', 29],
    ]);
  });

  it('marks pods that opt out of injection as running without a sidecar', () => {
    const plan = planWorkloads(load(deployment('legacy', { labels: ', sidecar.istio.io/inject: "false"' })));
    expect(plan.instances.find((i) => i.workloadName === 'legacy')?.sidecar).toBe(false);
  });

  it('runs a first word `node` with the Node.js running mesh', () => {
    const run = { argv: ['node', 'dist/a.js', '--x'], env: {}, file: 'f', line: 1 };
    expect(resolveArgv(run)).toEqual([process.execPath, 'dist/a.js', '--x']);
    expect(resolveArgv({ ...run, argv: ['python3', 'a.py'] })).toEqual(['python3', 'a.py']);
  });
});

describe('allocatePodIps', () => {
  it('moves no existing workload when one is added', () => {
    const keys = Array.from({ length: 200 }, (_, i) => `default/pod-${i}`);
    const before = allocatePodIps(keys);
    const after = allocatePodIps([...keys, 'default/new-pod']);
    let moved = 0;
    for (const k of keys) if (before.get(k) !== after.get(k)) moved++;
    expect(moved).toBeLessThanOrEqual(1); // only one that collided with the newcomer could move
    expect(new Set(after.values()).size).toBe(201);
  });
});

describe('selectInstance', async () => {
  const { resources } = await loadDirectory(MANIFESTS);
  const plan = planWorkloads(resources);
  const v1 = plan.instances.find((i) => i.workloadName === 'reviews-v1')!;

  it('finds an instance by pod name, Deployment name, app label, with or without .NAMESPACE', () => {
    expect(selectInstance(plan, v1.podName, 'proxy')).toBe(v1);
    expect(selectInstance(plan, 'reviews-v1', 'proxy')).toBe(v1);
    expect(selectInstance(plan, 'reviews-v1.default', 'proxy')).toBe(v1);
    expect(selectInstance(plan, 'ratings', 'proxy').workloadName).toBe('ratings-v1');
  });

  it('finds the gateway by Deployment, istio label value or the Gateway that selects it', () => {
    const gw = plan.gateways[0]!;
    expect(selectInstance(plan, 'istio-ingressgateway', 'gateway')).toBe(gw);
    expect(selectInstance(plan, 'ingressgateway', 'gateway')).toBe(gw);
    expect(selectInstance(plan, 'bookinfo-gateway', 'gateway', resources)).toBe(gw);
    expect(selectInstance(plan, 'istio-ingressgateway.istio-system', 'gateway')).toBe(gw);
  });

  it('lists the candidates when a name matches several workloads or none', () => {
    const several = (() => {
      try {
        selectInstance(plan, 'reviews', 'proxy');
      } catch (e) {
        return e as InstanceSelectError;
      }
    })();
    expect(several?.code).toBe('MESH_PROXY_AMBIGUOUS');
    expect(several?.candidates.map((c) => c.split(' ')[0]?.replace(/-\w+-\w+\.default$/, ''))).toEqual([
      'reviews-v1',
      'reviews-v2',
      'reviews-v3',
    ]);
    expect(() => selectInstance(plan, 'nope', 'proxy')).toThrow(
      /--proxy nope: no workload matches[\s\S]*reviews-v2/,
    );
    expect(() => selectInstance(plan, 'reviews-v1.other', 'proxy')).toThrow(InstanceSelectError);
  });
});
