// The `gateway` member of the template family (Istio's gateway-injection-template.yaml, istiod 1.30): selected
// with `inject.istio.io/templates: gateway`. The pod's own istio-proxy container becomes a router: no iptables
// init container, `proxy router` args, unprivileged ports from 0 through a pod sysctl.
import type { ContainerLike, PodLike } from '../../types.js';
import { A, annotationOr } from '../annotations.js';
import { ENVOY_PROM_PORT, PROXY_CONTAINER, PROXY_HEALTH_PORT } from '../config.js';
import { proxyEnv, volumeMounts } from '../proxy-container.js';
import type { TemplateInput, TemplateSwitches } from '../template-input.js';
import { proxyImage } from '../template-input.js';
import { commonVolumes, templateLabels } from './sidecar.js';

export function gatewayTemplate(input: TemplateInput, sw: TemplateSwitches): PodLike {
  const { values, annotations } = input;
  const proxy: ContainerLike = {
    name: PROXY_CONTAINER,
    image: proxyImage(input),
    ports: [{ containerPort: ENVOY_PROM_PORT, protocol: 'TCP', name: 'http-envoy-prom' }],
    args: [
      'proxy',
      'router',
      '--domain',
      `$(POD_NAMESPACE).svc.${values.clusterDomain}`,
      `--proxyLogLevel=${annotationOr(annotations, A.logLevel, values.logLevel)}`,
      `--proxyComponentLogLevel=${annotationOr(annotations, A.componentLogLevel, values.componentLogLevel)}`,
      `--log_output_level=${annotationOr(annotations, A.agentLogLevel, values.agentLogLevel)}`,
      ...(values.logAsJson ? ['--log_as_json'] : []),
    ],
    securityContext: { runAsUser: values.proxyUID, runAsGroup: values.proxyGID },
    env: proxyEnv(input, sw, true),
  };
  if (values.imagePullPolicy !== '') proxy.imagePullPolicy = values.imagePullPolicy;
  proxy.readinessProbe = {
    httpGet: { path: '/healthz/ready', port: PROXY_HEALTH_PORT },
    ...(values.readinessInitialDelaySeconds === 0
      ? {}
      : { initialDelaySeconds: values.readinessInitialDelaySeconds }),
    periodSeconds: values.readinessPeriodSeconds,
    timeoutSeconds: 3,
    failureThreshold: values.readinessFailureThreshold,
  };
  proxy.volumeMounts = volumeMounts(input, true);
  const labels = templateLabels(input);
  const meta = {
    labels: {
      'service.istio.io/canonical-name': labels['service.istio.io/canonical-name'] ?? '',
      'service.istio.io/canonical-revision': labels['service.istio.io/canonical-revision'] ?? '',
    },
    annotations: gatewayAnnotations(input, sw),
  };
  const pod: PodLike = {
    metadata: meta,
    spec: {
      // Binding 80/443 without root: the gateway runs as 1337.
      securityContext: { sysctls: [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }] },
      containers: [proxy],
      volumes: commonVolumes(input, false),
    },
  };
  if (values.imagePullSecrets.length > 0)
    pod.spec.imagePullSecrets = values.imagePullSecrets.map((name) => ({ name }));
  return pod;
}

function gatewayAnnotations(input: TemplateInput, sw: TemplateSwitches): Record<string, string> {
  const out: Record<string, string> = { [A.rev]: input.revision || 'default' };
  const first = sw.appContainers[0];
  if (first !== undefined) {
    if (!Object.hasOwn(input.annotations, A.defaultLogsContainer)) out[A.defaultLogsContainer] = first;
    if (!Object.hasOwn(input.annotations, A.defaultContainer)) out[A.defaultContainer] = first;
  }
  return out;
}
