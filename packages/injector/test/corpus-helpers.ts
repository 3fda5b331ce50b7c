// Reads Istio's injection test corpus (pkg/kube/inject/testdata/inject: inputs and Istio's `.injected` outputs)
// and extracts the invariants the injector must share with Istio: container, init container and volume names,
// the iptables arguments, the proxy's ports and environment variable names, the rewritten app probes, and the
// status annotation. Images, versions and env values are left out on purpose.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';

export const CORPUS_DIR = fileURLToPath(
  new URL('../../../../shared/istio-samples/pkg/kube/inject/testdata/inject/', import.meta.url),
);

export function corpusFiles(): string[] {
  return readdirSync(CORPUS_DIR).sort();
}

export function readCorpus(name: string): string {
  return readFileSync(`${CORPUS_DIR}${name}`, 'utf8');
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const TEMPLATE: Record<string, string[]> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  DeploymentConfig: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

/**
 * Every pod template in a YAML stream (List items included), in document order. Istio's kube-inject writes a
 * CronJob's injected metadata onto `spec.jobTemplate.metadata` rather than onto the pod template (its
 * IntoObject takes the job template's ObjectMeta); `istioCronJob` reads Istio's output that way. minimesh puts
 * it on the pod template, where the pods get it.
 */
export function podTemplates(text: string, istioCronJob = false): Obj[] {
  const out: Obj[] = [];
  const visit = (o: unknown) => {
    if (!isObj(o)) return;
    if (o.kind === 'List' && Array.isArray(o.items)) {
      o.items.forEach(visit);
      return;
    }
    const path = TEMPLATE[String(o.kind)];
    if (path === undefined) return;
    let p: unknown = o;
    for (const k of path) p = isObj(p) ? p[k] : undefined;
    if (isObj(p) && istioCronJob && o.kind === 'CronJob' && isObj(o.spec) && isObj(o.spec.jobTemplate)) {
      p = { ...p, metadata: o.spec.jobTemplate.metadata };
    }
    if (isObj(p)) out.push(p);
  };
  for (const doc of parseAllDocuments(text)) {
    if (!('toJS' in doc)) continue;
    visit(doc.toJS());
  }
  return out;
}

const names = (l: unknown) => (Array.isArray(l) ? l.map((c) => (isObj(c) ? String(c.name) : '?')) : []);

function probes(c: Obj): Obj {
  const out: Obj = {};
  for (const k of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
    const p = c[k];
    if (isObj(p) && isObj(p.httpGet)) out[k] = `${p.httpGet.path ?? ''}@${p.httpGet.port}`;
    else if (isObj(p))
      out[k] = Object.keys(p)
        .filter((x) => ['exec', 'tcpSocket', 'grpc'].includes(x))
        .join(',');
  }
  return out;
}

function sortKeys(v: unknown): unknown {
  if (!isObj(v)) return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, v[k]]),
  );
}

/** Env values that depend on the pod and the settings, not on Istio's version or image. */
const COMPARED_VALUES = [
  'ISTIO_META_APP_CONTAINERS',
  'ISTIO_META_POD_PORTS',
  'ISTIO_META_WORKLOAD_NAME',
  'ISTIO_META_OWNER',
  'ISTIO_META_CLUSTER_ID',
  'ISTIO_META_NETWORK',
  'ISTIO_META_INTERCEPTION_MODE',
  'ISTIO_KUBE_APP_PROBERS',
  'ISTIO_PROMETHEUS_ANNOTATIONS',
  'TRUST_DOMAIN',
  'CA_ADDR',
  'OTEL_RESOURCE_ATTRIBUTES',
];

function envValues(proxy: Obj | undefined): Obj {
  const out: Obj = {};
  if (proxy === undefined || !Array.isArray(proxy.env)) return out;
  for (const e of proxy.env) {
    if (isObj(e) && COMPARED_VALUES.includes(String(e.name))) out[String(e.name)] = e.value;
  }
  return out;
}

export interface Invariants {
  initContainers: string[];
  containers: string[];
  volumes: string[];
  iptablesArgs: string[] | null;
  proxyPorts: unknown[];
  proxyEnvNames: string[];
  proxyEnvValues: Obj;
  appProbes: Obj;
  status: unknown;
}

export function invariants(template: Obj): Invariants {
  const spec = isObj(template.spec) ? template.spec : {};
  const meta = isObj(template.metadata) ? template.metadata : {};
  const annotations = isObj(meta.annotations) ? meta.annotations : {};
  const all = [
    ...(Array.isArray(spec.initContainers) ? spec.initContainers : []),
    ...(Array.isArray(spec.containers) ? spec.containers : []),
  ].filter(isObj);
  const init = all.find((c) => c.name === 'istio-init' || c.name === 'istio-validation');
  const proxy = all.find((c) => c.name === 'istio-proxy');
  const appProbes: Obj = {};
  for (const c of all) if (c.name !== 'istio-proxy') appProbes[String(c.name)] = probes(c);
  const status = annotations['sidecar.istio.io/status'];
  return {
    initContainers: names(spec.initContainers),
    containers: names(spec.containers),
    volumes: names(spec.volumes),
    iptablesArgs: init && Array.isArray(init.args) ? init.args.map(String) : null,
    proxyPorts: proxy && Array.isArray(proxy.ports) ? proxy.ports.map(sortKeys) : [],
    proxyEnvNames: proxy && Array.isArray(proxy.env) ? names(proxy.env) : [],
    proxyEnvValues: envValues(proxy),
    appProbes,
    status: typeof status === 'string' ? JSON.parse(status) : null,
  };
}
