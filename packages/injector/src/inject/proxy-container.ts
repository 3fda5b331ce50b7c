// The istio-proxy container of Istio's injection template: image, args, lifecycle, environment, probes on the
// agent's health port 15021, security context, resources and volume mounts.
import { TemplateError } from '../errors.js';
import type { ContainerLike, EnvVarLike } from '../types.js';
import { isRecord } from '../types.js';
import { A, annotationOr, L } from './annotations.js';
import { ENVOY_PROM_PORT, PROXY_CONTAINER, PROXY_HEALTH_PORT } from './config.js';
import { otelResourceAttributes } from './otel.js';
import type { TemplateInput, TemplateSwitches } from './template-input.js';
import { proxyImage, proxyResources } from './template-input.js';

const fieldRef = (fieldPath: string) => ({ fieldRef: { fieldPath } });
const resourceRef = (resource: string) => ({ resourceFieldRef: { resource, divisor: '1' } });

/** Go's JSON of a corev1.ContainerPort: fields in struct order, zero values omitted. */
function portJson(p: Record<string, unknown>): string {
  const out: Record<string, unknown> = {};
  for (const k of ['name', 'hostPort', 'containerPort', 'protocol', 'hostIP']) {
    const v = p[k];
    if (v !== undefined && v !== '' && v !== 0) out[k] = v;
  }
  return JSON.stringify(out);
}

/**
 * ISTIO_META_POD_PORTS as the template prints it: one port per line, a leading comma after the first. Unlike
 * Istio, ports of a user-declared istio-proxy container are left out: they are not the app's, and with native
 * sidecars that container moves to initContainers, so counting it would change the value on re-injection.
 */
export function podPortsValue(input: TemplateInput): string {
  const lines: string[] = [];
  for (const c of input.pod.spec.containers) {
    if (c.name === PROXY_CONTAINER) continue;
    for (const p of c.ports ?? []) lines.push(`    ${lines.length === 0 ? '' : ','}${portJson(p)}`);
  }
  return ['[', ...lines, ']'].join('\n');
}

/** The compact JSON of the effective ProxyConfig (only fields that were set), as `protoToJSON` prints it. */
export function proxyConfigJson(input: TemplateInput): string {
  return `${JSON.stringify(input.proxyConfig)}\n`;
}

/** The proxy environment; `gateway` follows the gateway template (its order and its narrower sources). */
export function proxyEnv(input: TemplateInput, sw: TemplateSwitches, gateway = false): EnvVarLike[] {
  const { values, mesh, labels, annotations, deployMeta, typeMeta, proxyConfig } = input;
  const env: EnvVarLike[] = [];
  // An empty value is left out, as Kubernetes serializes it (omitempty); the variable is still set, to "".
  const add = (name: string, v: string | Record<string, unknown>) =>
    env.push(typeof v !== 'string' ? { name, valueFrom: v } : v === '' ? { name } : { name, value: v });
  if (!gateway && mesh.inboundTrafficPolicy?.mode === 'LOCALHOST')
    add('REWRITE_PROBE_LEGACY_LOCALHOST_DESTINATION', 'true');
  add('PILOT_CERT_PROVIDER', values.pilotCertProvider);
  const rev = values.revision === '' ? '' : `-${values.revision}`;
  add('CA_ADDR', values.caAddress || `istiod${rev}.${values.istioNamespace}.svc:15012`);
  add('POD_NAME', fieldRef('metadata.name'));
  add('POD_NAMESPACE', fieldRef('metadata.namespace'));
  add('INSTANCE_IP', fieldRef('status.podIP'));
  add('SERVICE_ACCOUNT', fieldRef('spec.serviceAccountName'));
  add('HOST_IP', fieldRef('status.hostIP'));
  add('ISTIO_CPU_LIMIT', resourceRef('limits.cpu'));
  add('PROXY_CONFIG', proxyConfigJson(input));
  add('ISTIO_META_POD_PORTS', podPortsValue(input));
  if (!gateway) add('ISTIO_META_APP_CONTAINERS', sw.appContainers.join(','));
  add('GOMEMLIMIT', resourceRef('limits.memory'));
  if (values.compliancePolicy !== '') {
    add('COMPLIANCE_POLICY', values.compliancePolicy);
    if (values.compliancePolicy === 'fips-140-3') add('GODEBUG', 'fips140=only');
  }
  if (gateway) add('ISTIO_META_APP_CONTAINERS', sw.appContainers.join(','));
  add('ISTIO_META_CLUSTER_ID', values.clusterName || 'Kubernetes');
  add('ISTIO_META_NODE_NAME', fieldRef('spec.nodeName'));
  const mode = gateway ? undefined : annotations[A.interceptionMode];
  add('ISTIO_META_INTERCEPTION_MODE', mode || proxyConfig.interceptionMode || 'REDIRECT');
  if (values.network !== '') add('ISTIO_META_NETWORK', values.network);
  const workloadName = (gateway ? '' : labels[L.workloadName]) || deployMeta.name;
  if (workloadName) add('ISTIO_META_WORKLOAD_NAME', workloadName);
  if (typeMeta.apiVersion && deployMeta.name) {
    const ns = deployMeta.namespace || 'default';
    add(
      'ISTIO_META_OWNER',
      `kubernetes://apis/${typeMeta.apiVersion}/namespaces/${ns}/${typeMeta.kind.toLowerCase()}s/${deployMeta.name}`,
    );
  }
  if (Object.hasOwn(annotations, A.bootstrapOverride)) {
    add('ISTIO_BOOTSTRAP_OVERRIDE', '/etc/istio/custom-bootstrap/custom_bootstrap.json');
  }
  const trustDomain = mesh.trustDomain || values.trustDomain;
  if (values.meshID) add('ISTIO_META_MESH_ID', values.meshID);
  else if (trustDomain) add('ISTIO_META_MESH_ID', trustDomain);
  if (trustDomain) add('TRUST_DOMAIN', trustDomain);
  if (!gateway) {
    const otel = otelResourceAttributes(
      mesh,
      annotations,
      labels,
      deployMeta.namespace,
      input.pod.spec.containers,
    );
    if (otel !== '') add('OTEL_RESOURCE_ATTRIBUTES', otel);
  }
  const meta = proxyConfig.proxyMetadata ?? {};
  for (const key of Object.keys(meta).sort()) add(key, meta[key] ?? '');
  return env;
}

function securityContext(input: TemplateInput, sw: TemplateSwitches): Record<string, unknown> {
  const { values } = input;
  if (input.proxyConfig.proxyMetadata?.IPTABLES_TRACE_LOGGING === 'true') {
    return {
      allowPrivilegeEscalation: true,
      capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] },
      privileged: true,
      readOnlyRootFilesystem: true,
      runAsGroup: values.proxyGID,
      runAsNonRoot: false,
      runAsUser: 0,
    };
  }
  const add: string[] = [];
  if (sw.tproxy) add.push('NET_ADMIN');
  if (sw.capNetBindService) add.push('NET_BIND_SERVICE');
  const caps: Record<string, unknown> = add.length > 0 ? { add, drop: ['ALL'] } : { drop: ['ALL'] };
  const root = sw.tproxy || sw.capNetBindService;
  return {
    allowPrivilegeEscalation: values.privileged,
    capabilities: caps,
    privileged: values.privileged,
    readOnlyRootFilesystem: true,
    ...(root
      ? { runAsNonRoot: false, runAsUser: 0, runAsGroup: 1337 }
      : { runAsNonRoot: true, runAsUser: values.proxyUID, runAsGroup: values.proxyGID }),
  };
}

/** Parses a JSON-object annotation (userVolume, userVolumeMount); a malformed one fails injection. */
export function jsonAnnotation(input: TemplateInput, name: string): Record<string, unknown> {
  const text = input.annotations[name];
  if (text === undefined) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw new TemplateError(`annotation ${name} is not valid JSON: ${(e as Error).message}`);
  }
  if (!isRecord(parsed)) throw new TemplateError(`annotation ${name} must be a JSON object of name to spec`);
  return parsed;
}

export function volumeMounts(input: TemplateInput, gateway = false): Record<string, unknown>[] {
  const { values, annotations } = input;
  const mounts: Record<string, unknown>[] = [
    { name: 'workload-socket', mountPath: '/var/run/secrets/workload-spiffe-uds' },
    { name: 'credential-socket', mountPath: '/var/run/secrets/credential-uds' },
    { name: 'workload-certs', mountPath: '/var/run/secrets/workload-spiffe-credentials' },
  ];
  if (values.pilotCertProvider === 'istiod') {
    mounts.push({ mountPath: '/var/run/secrets/istio', name: 'istiod-ca-cert' });
    if (!gateway) mounts.push({ mountPath: '/var/run/secrets/istio/crl', name: 'istio-ca-crl' });
  }
  mounts.push({ mountPath: '/var/lib/istio/data', name: 'istio-data' });
  if (Object.hasOwn(annotations, A.bootstrapOverride)) {
    mounts.push({ mountPath: '/etc/istio/custom-bootstrap', name: 'custom-bootstrap-volume' });
  }
  mounts.push({ mountPath: '/etc/istio/proxy', name: 'istio-envoy' });
  mounts.push({ mountPath: '/var/run/secrets/tokens', name: 'istio-token' });
  if (values.mountMtlsCerts) mounts.push({ mountPath: '/etc/certs/', name: 'istio-certs', readOnly: true });
  mounts.push({ name: 'istio-podinfo', mountPath: '/etc/istio/pod' });
  const user = gateway ? {} : jsonAnnotation(input, A.userVolumeMount);
  for (const name of Object.keys(user)) {
    const spec = user[name];
    if (!isRecord(spec) || typeof spec.mountPath !== 'string' || spec.mountPath === '') {
      throw new TemplateError(
        `annotation ${A.userVolumeMount}: mount "${name}" needs an object with a mountPath`,
      );
    }
    mounts.push({ name, ...spec });
  }
  return mounts;
}

export function proxyContainer(input: TemplateInput, sw: TemplateSwitches): ContainerLike {
  const { values, annotations } = input;
  const c: ContainerLike = { name: PROXY_CONTAINER, image: proxyImage(input) };
  if (sw.nativeSidecar) c.restartPolicy = 'Always';
  c.ports = [{ containerPort: ENVOY_PROM_PORT, protocol: 'TCP', name: 'http-envoy-prom' }];
  c.args = [
    'proxy',
    'sidecar',
    '--domain',
    `$(POD_NAMESPACE).svc.${values.clusterDomain}`,
    `--proxyLogLevel=${annotationOr(annotations, A.logLevel, values.logLevel)}`,
    `--proxyComponentLogLevel=${annotationOr(annotations, A.componentLogLevel, values.componentLogLevel)}`,
    `--log_output_level=${annotationOr(annotations, A.agentLogLevel, values.agentLogLevel)}`,
  ];
  if (values.logAsJson) c.args.push('--log_as_json');
  if (sw.holdProxy) {
    c.lifecycle = { postStart: { exec: { command: ['pilot-agent', 'wait'] } } };
  } else if (sw.nativeSidecar) {
    // preStop starts the drain when the pod shuts down; SIGTERM follows once the applications are gone.
    c.lifecycle = {
      preStop: {
        exec: { command: ['pilot-agent', 'request', `--debug-port=${sw.statusPort}`, 'POST', 'drain'] },
      },
    };
  }
  c.env = proxyEnv(input, sw);
  if (values.imagePullPolicy !== '') c.imagePullPolicy = values.imagePullPolicy;
  if (sw.statusPort !== '0') {
    const httpGet = { path: '/healthz/ready', port: PROXY_HEALTH_PORT };
    if (values.startupProbe.enabled) {
      c.startupProbe = {
        httpGet: { ...httpGet },
        periodSeconds: 1,
        timeoutSeconds: 3,
        failureThreshold: values.startupProbe.failureThreshold,
      };
    }
    const num = (name: string, fallback: number) => Number(annotationOr(annotations, name, String(fallback)));
    const delay = num(A.readinessInitialDelaySeconds, values.readinessInitialDelaySeconds);
    // Zero timings are left out, as Kubernetes serializes them (omitempty).
    c.readinessProbe = {
      httpGet: { ...httpGet },
      ...(delay === 0 ? {} : { initialDelaySeconds: delay }),
      periodSeconds: num(A.readinessPeriodSeconds, values.readinessPeriodSeconds),
      timeoutSeconds: 3,
      failureThreshold: num(A.readinessFailureThreshold, values.readinessFailureThreshold),
    };
  }
  c.securityContext = securityContext(input, sw);
  c.resources = proxyResources(input);
  c.volumeMounts = volumeMounts(input);
  return c;
}
