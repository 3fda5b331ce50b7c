// The `grpc-agent` member of the template family (Istio's grpc-agent.yaml): proxyless gRPC with the Istio agent
// beside it. The agent (istio-proxy, DISABLE_ENVOY) serves xDS and certificates over a socket in a shared volume;
// every app container is pointed at the agent's gRPC bootstrap file. No iptables, no Envoy.
import type { ContainerLike, EnvVarLike, PodLike, VolumeLike } from '../../types.js';
import { isRecord } from '../../types.js';
import { A, annotationOr } from '../annotations.js';
import { PROXY_CONTAINER } from '../config.js';
import { jsonAnnotation, podPortsValue, proxyConfigJson } from '../proxy-container.js';
import type { TemplateInput, TemplateSwitches } from '../template-input.js';
import { proxyImage, proxyResources } from '../template-input.js';
import { commonVolumes } from './sidecar.js';

const fieldRef = (fieldPath: string) => ({ fieldRef: { fieldPath } });

function agentEnv(input: TemplateInput, sw: TemplateSwitches): EnvVarLike[] {
  const { values, mesh, deployMeta, typeMeta, proxyConfig } = input;
  const env: EnvVarLike[] = [];
  const add = (name: string, v: string | Record<string, unknown>) =>
    env.push(typeof v !== 'string' ? { name, valueFrom: v } : v === '' ? { name } : { name, value: v });
  add('ISTIO_META_GENERATOR', 'grpc');
  add('OUTPUT_CERTS', '/var/lib/istio/data');
  if (mesh.inboundTrafficPolicy?.mode === 'LOCALHOST')
    add('REWRITE_PROBE_LEGACY_LOCALHOST_DESTINATION', 'true');
  add('PILOT_CERT_PROVIDER', values.pilotCertProvider);
  const rev = values.revision === '' ? '' : `-${values.revision}`;
  add('CA_ADDR', values.caAddress || `istiod${rev}.${values.istioNamespace}.svc:15012`);
  add('POD_NAME', fieldRef('metadata.name'));
  add('POD_NAMESPACE', fieldRef('metadata.namespace'));
  add('INSTANCE_IP', fieldRef('status.podIP'));
  add('SERVICE_ACCOUNT', fieldRef('spec.serviceAccountName'));
  add('HOST_IP', fieldRef('status.hostIP'));
  add('PROXY_CONFIG', proxyConfigJson(input));
  add('ISTIO_META_POD_PORTS', podPortsValue(input));
  add('ISTIO_META_APP_CONTAINERS', sw.appContainers.join(','));
  add('ISTIO_META_CLUSTER_ID', values.clusterName || 'Kubernetes');
  add('ISTIO_META_NODE_NAME', fieldRef('spec.nodeName'));
  if (values.network !== '') add('ISTIO_META_NETWORK', values.network);
  if (deployMeta.name) add('ISTIO_META_WORKLOAD_NAME', deployMeta.name);
  if (typeMeta.apiVersion && deployMeta.name) {
    const ns = deployMeta.namespace || 'default';
    add(
      'ISTIO_META_OWNER',
      `kubernetes://apis/${typeMeta.apiVersion}/namespaces/${ns}/${typeMeta.kind.toLowerCase()}s/${deployMeta.name}`,
    );
  }
  const trustDomain = mesh.trustDomain || values.trustDomain;
  if (values.meshID) add('ISTIO_META_MESH_ID', values.meshID);
  else if (trustDomain) add('ISTIO_META_MESH_ID', trustDomain);
  if (trustDomain) add('TRUST_DOMAIN', trustDomain);
  const meta = proxyConfig.proxyMetadata ?? {};
  for (const key of Object.keys(meta).sort()) add(key, meta[key] ?? '');
  // gRPC resolves xds:/// names itself: no DNS capture, and the agent runs without Envoy.
  add('ISTIO_META_DNS_CAPTURE', 'false');
  add('DISABLE_ENVOY', 'true');
  return env;
}

function agentMounts(input: TemplateInput): Record<string, unknown>[] {
  const mounts: Record<string, unknown>[] = [
    { name: 'workload-socket', mountPath: '/var/run/secrets/workload-spiffe-uds' },
    { name: 'workload-certs', mountPath: '/var/run/secrets/workload-spiffe-credentials' },
  ];
  if (input.values.pilotCertProvider === 'istiod')
    mounts.push({ mountPath: '/var/run/secrets/istio', name: 'istiod-ca-cert' });
  mounts.push({ mountPath: '/var/lib/istio/data', name: 'istio-data' });
  // The socket between the agent and the gRPC client, for xDS and SDS.
  mounts.push({ mountPath: '/etc/istio/proxy', name: 'istio-xds' });
  mounts.push({ mountPath: '/var/run/secrets/tokens', name: 'istio-token' });
  if (input.values.mountMtlsCerts)
    mounts.push({ mountPath: '/etc/certs/', name: 'istio-certs', readOnly: true });
  mounts.push({ name: 'istio-podinfo', mountPath: '/etc/istio/pod' });
  const user = jsonAnnotation(input, A.userVolumeMount);
  for (const name of Object.keys(user)) {
    const spec = user[name];
    if (isRecord(spec)) mounts.push({ name, ...spec });
  }
  return mounts;
}

export function grpcAgentTemplate(input: TemplateInput, sw: TemplateSwitches): PodLike {
  const { values, annotations } = input;
  const agent: ContainerLike = {
    name: PROXY_CONTAINER,
    image: proxyImage(input),
    ports: [{ containerPort: 15020, protocol: 'TCP', name: 'mesh-metrics' }],
    args: [
      'proxy',
      'sidecar',
      '--domain',
      `$(POD_NAMESPACE).svc.${values.clusterDomain}`,
      `--proxyLogLevel=${annotationOr(annotations, A.logLevel, values.logLevel)}`,
      `--proxyComponentLogLevel=${annotationOr(annotations, A.componentLogLevel, values.componentLogLevel)}`,
      `--log_output_level=${annotationOr(annotations, A.agentLogLevel, values.agentLogLevel)}`,
      ...(values.logAsJson ? ['--log_as_json'] : []),
    ],
    lifecycle: {
      postStart: { exec: { command: ['pilot-agent', 'wait', '--url=http://localhost:15020/healthz/ready'] } },
    },
    env: agentEnv(input, sw),
  };
  if (values.imagePullPolicy !== '') agent.imagePullPolicy = values.imagePullPolicy;
  if (sw.statusPort !== '0') {
    const num = (name: string, fallback: number) => Number(annotationOr(annotations, name, String(fallback)));
    const delay = num(A.readinessInitialDelaySeconds, values.readinessInitialDelaySeconds);
    agent.readinessProbe = {
      httpGet: { path: '/healthz/ready', port: 15020 },
      ...(delay === 0 ? {} : { initialDelaySeconds: delay }),
      periodSeconds: num(A.readinessPeriodSeconds, values.readinessPeriodSeconds),
      timeoutSeconds: 3,
      failureThreshold: num(A.readinessFailureThreshold, values.readinessFailureThreshold),
    };
    agent.resources = proxyResources(input);
    agent.volumeMounts = agentMounts(input);
  }
  const apps: ContainerLike[] = sw.appContainers.map((name) => ({
    name,
    env: [
      { name: 'GRPC_XDS_EXPERIMENTAL_SECURITY_SUPPORT', value: 'true' },
      { name: 'GRPC_XDS_BOOTSTRAP', value: '/etc/istio/proxy/grpc-bootstrap.json' },
    ],
    volumeMounts: [
      { mountPath: '/var/lib/istio/data', name: 'istio-data' },
      { mountPath: '/etc/istio/proxy', name: 'istio-xds' },
      { name: 'workload-certs', mountPath: '/var/run/secrets/workload-spiffe-credentials' },
    ],
  }));
  // The sidecar's volumes without the credential socket and the CRL, and istio-envoy renamed istio-xds.
  const volumes: VolumeLike[] = commonVolumes(input, true)
    .filter((v) => v.name !== 'credential-socket' && v.name !== 'istio-ca-crl')
    .map((v) => (v.name === 'istio-envoy' ? { ...v, name: 'istio-xds' } : v));
  const first = sw.appContainers[0];
  const meta: Record<string, string> = { [A.rev]: input.revision || 'default' };
  if (first !== undefined) {
    if (!Object.hasOwn(annotations, A.defaultLogsContainer)) meta[A.defaultLogsContainer] = first;
    if (!Object.hasOwn(annotations, A.defaultContainer)) meta[A.defaultContainer] = first;
  }
  meta[A.rewriteAppHTTPProbers] = 'false';
  const labels = input.labels;
  const pod: PodLike = {
    metadata: {
      labels: {
        'service.istio.io/canonical-name':
          labels['service.istio.io/canonical-name'] ||
          labels['app.kubernetes.io/name'] ||
          labels.app ||
          input.deployMeta.name,
        'service.istio.io/canonical-revision':
          labels['service.istio.io/canonical-revision'] ||
          labels['app.kubernetes.io/version'] ||
          labels.version ||
          'latest',
      },
      annotations: meta,
    },
    spec: { containers: [agent, ...apps], volumes },
  };
  if (values.imagePullSecrets.length > 0)
    pod.spec.imagePullSecrets = values.imagePullSecrets.map((name) => ({ name }));
  return pod;
}
