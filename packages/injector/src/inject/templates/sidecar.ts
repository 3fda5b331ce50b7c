// The `sidecar` member of the template family: Istio's sidecar injection template (manifests/charts/istio-control/istio-discovery/files/
// injection-template.yaml, istiod 1.30) written as code: it renders the partial pod that is merged onto the
// user's pod. Rendering is pure: same input, same output.
import { TemplateError } from '../../errors.js';
import type { ContainerLike, PodLike, StringMap, VolumeLike } from '../../types.js';
import { isRecord } from '../../types.js';
import { A, annotationOr, L } from '../annotations.js';
import { ENVOY_PROM_PORT, INIT_CONTAINER, PROXY_HEALTH_PORT, VALIDATION_CONTAINER } from '../config.js';
import { jsonAnnotation, proxyContainer } from '../proxy-container.js';
import type { TemplateInput, TemplateSwitches } from '../template-input.js';
import { excludeInboundPort, proxyInitImage, proxyResources } from '../template-input.js';

/** Go template `trimAll "-_."`: strips those characters from both ends. */
function trimAllChars(text: string, chars: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && chars.includes(text[start] ?? '')) start++;
  while (end > start && chars.includes(text[end - 1] ?? '')) end--;
  return text.slice(start, end);
}

/** Adds `default/istio-cni` to a Multus networks annotation (a comma list or a JSON list), once. */
export function appendMultusNetwork(existing: string | undefined, network: string): string {
  const current = (existing ?? '').trim();
  if (current === '') return network;
  if (current.startsWith('[')) {
    try {
      const list = JSON.parse(current) as unknown;
      if (Array.isArray(list)) {
        const [ns, name] = network.split('/');
        if (list.some((n) => isRecord(n) && n.name === name && (n.namespace ?? ns) === ns)) return current;
        return JSON.stringify([...list, { name, namespace: ns }]);
      }
    } catch {
      // Not JSON after all: treat it as a comma list.
    }
  }
  const parts = current.split(',').map((p) => p.trim());
  if (parts.includes(network)) return current;
  return `${current}, ${network}`;
}

export function templateLabels(input: TemplateInput): StringMap {
  const l = input.labels;
  const out: StringMap = { [L.tlsMode]: l[L.tlsMode] || 'istio' };
  if (input.proxyConfig.proxyMetadata?.ISTIO_META_ENABLE_HBONE === 'true') {
    out['networking.istio.io/tunnel'] = l['networking.istio.io/tunnel'] || 'http';
  }
  const name = l[L.canonicalName] || l['app.kubernetes.io/name'] || l.app || input.deployMeta.name;
  out[L.canonicalName] = trimAllChars(name.slice(0, 63), '-_.');
  out[L.canonicalRevision] =
    l[L.canonicalRevision] || l['app.kubernetes.io/version'] || l.version || 'latest';
  return out;
}

export function templateAnnotations(input: TemplateInput, sw: TemplateSwitches): StringMap {
  const a = input.annotations;
  const v = input.values;
  const out: StringMap = { [A.rev]: input.revision || 'default' };
  const first = sw.appContainers[0];
  if (first !== undefined) {
    if (!Object.hasOwn(a, A.defaultLogsContainer)) out[A.defaultLogsContainer] = first;
    if (!Object.hasOwn(a, A.defaultContainer)) out[A.defaultContainer] = first;
  }
  if (v.cni.enabled) {
    if (v.cni.provider === 'multus')
      out[A.multusNetworks] = appendMultusNetwork(a[A.multusNetworks], 'default/istio-cni');
    out[A.interceptionMode] = sw.interceptionMode;
    const inc = annotationOr(a, A.includeOutboundIPRanges, v.includeIPRanges);
    if (inc) out[A.includeOutboundIPRanges] = inc;
    const exc = annotationOr(a, A.excludeOutboundIPRanges, v.excludeIPRanges);
    if (exc) out[A.excludeOutboundIPRanges] = exc;
    out[A.includeInboundPorts] = annotationOr(a, A.includeInboundPorts, v.includeInboundPorts);
    out[A.excludeInboundPorts] = excludeInboundPort(
      sw.statusPort,
      annotationOr(a, A.excludeInboundPorts, v.excludeInboundPorts),
    );
    if (Object.hasOwn(a, A.includeOutboundPorts) || v.includeOutboundPorts !== '') {
      out[A.includeOutboundPorts] = annotationOr(a, A.includeOutboundPorts, v.includeOutboundPorts);
    }
    if (Object.hasOwn(a, A.excludeOutboundPorts) || v.excludeOutboundPorts !== '') {
      out[A.excludeOutboundPorts] = annotationOr(a, A.excludeOutboundPorts, v.excludeOutboundPorts);
    }
    for (const k of [A.kubevirtInterfaces, A.rerouteVirtualInterfaces, A.excludeInterfaces]) {
      if (a[k]) out[k] = a[k];
    }
  }
  return out;
}

/** The iptables arguments of istio-init (or istio-validation with CNI): capture to 15001/15006, UID exclusion. */
export function iptablesArgs(input: TemplateInput, sw: TemplateSwitches): string[] {
  const a = input.annotations;
  const v = input.values;
  const excluded = excludeInboundPort(
    sw.statusPort,
    annotationOr(a, A.excludeInboundPorts, v.excludeInboundPorts),
  );
  const base = `${ENVOY_PROM_PORT},${PROXY_HEALTH_PORT}`;
  const args = [
    'istio-iptables',
    '-p',
    String(sw.outboundCapturePort),
    '-z',
    String(sw.inboundCapturePort),
    '-u',
    sw.tproxy ? '1337' : String(v.proxyUID),
    '-m',
    sw.interceptionMode,
    '-i',
    annotationOr(a, A.includeOutboundIPRanges, v.includeIPRanges),
    '-x',
    annotationOr(a, A.excludeOutboundIPRanges, v.excludeIPRanges),
    '-b',
    annotationOr(a, A.includeInboundPorts, v.includeInboundPorts),
    '-d',
    excluded ? `${base},${excluded}` : base,
  ];
  if (Object.hasOwn(a, A.includeOutboundPorts) || v.includeOutboundPorts !== '') {
    args.push('-q', annotationOr(a, A.includeOutboundPorts, v.includeOutboundPorts));
  }
  if (Object.hasOwn(a, A.excludeOutboundPorts) || v.excludeOutboundPorts !== '') {
    args.push('-o', annotationOr(a, A.excludeOutboundPorts, v.excludeOutboundPorts));
  }
  if (Object.hasOwn(a, A.rerouteVirtualInterfaces)) args.push('-k', a[A.rerouteVirtualInterfaces] ?? '');
  else if (Object.hasOwn(a, A.kubevirtInterfaces)) args.push('-k', a[A.kubevirtInterfaces] ?? '');
  if (Object.hasOwn(a, A.excludeInterfaces)) args.push('-c', a[A.excludeInterfaces] ?? '');
  args.push(`--log_output_level=${annotationOr(a, A.agentLogLevel, v.agentLogLevel)}`);
  if (v.logAsJson) args.push('--log_as_json');
  if (v.cni.enabled) args.push('--run-validation', '--skip-rule-apply');
  return args;
}

function initContainer(input: TemplateInput, sw: TemplateSwitches): ContainerLike {
  const v = input.values;
  const c: ContainerLike = {
    name: v.cni.enabled ? VALIDATION_CONTAINER : INIT_CONTAINER,
    image: proxyInitImage(input),
    args: iptablesArgs(input, sw),
  };
  if (v.imagePullPolicy !== '') c.imagePullPolicy = v.imagePullPolicy;
  const meta = input.proxyConfig.proxyMetadata ?? {};
  const keys = Object.keys(meta).sort();
  if (keys.length > 0) c.env = keys.map((name) => ({ name, value: meta[name] ?? '' }));
  c.resources = proxyResources(input);
  // Without CNI the init container edits iptables: root with NET_ADMIN/NET_RAW. With CNI it only validates.
  c.securityContext = v.cni.enabled
    ? {
        allowPrivilegeEscalation: v.privileged,
        privileged: v.privileged,
        capabilities: { drop: ['ALL'] },
        readOnlyRootFilesystem: true,
        runAsGroup: sw.tproxy ? 1337 : v.proxyGID,
        runAsUser: sw.tproxy ? 1337 : v.proxyUID,
        runAsNonRoot: true,
      }
    : {
        allowPrivilegeEscalation: v.privileged,
        privileged: v.privileged,
        capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
        readOnlyRootFilesystem: false,
        runAsGroup: 0,
        runAsNonRoot: false,
        runAsUser: 0,
      };
  return c;
}

export function commonVolumes(input: TemplateInput, crl: boolean): VolumeLike[] {
  const v = input.values;
  const a = input.annotations;
  // Istio's template writes `emptyDir:` (null) for the sockets; Kubernetes defaults a sourceless volume to an
  // emptyDir, which is written out here so the pod is valid without that defaulting.
  const out: VolumeLike[] = [
    { name: 'workload-socket', emptyDir: {} },
    { name: 'credential-socket', emptyDir: {} },
    { name: 'workload-certs', emptyDir: {} },
  ];
  if (Object.hasOwn(a, A.bootstrapOverride)) {
    out.push({ name: 'custom-bootstrap-volume', configMap: { name: a[A.bootstrapOverride] ?? '' } });
  }
  out.push({ name: 'istio-envoy', emptyDir: { medium: 'Memory' } });
  out.push({ name: 'istio-data', emptyDir: {} });
  out.push({
    name: 'istio-podinfo',
    downwardAPI: {
      items: [
        { path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } },
        { path: 'annotations', fieldRef: { fieldPath: 'metadata.annotations' } },
      ],
    },
  });
  out.push({
    name: 'istio-token',
    projected: {
      sources: [
        { serviceAccountToken: { path: 'istio-token', expirationSeconds: 43200, audience: v.tokenAudience } },
      ],
    },
  });
  if (v.pilotCertProvider === 'istiod') {
    out.push({ name: 'istiod-ca-cert', configMap: { name: v.trustBundleName || 'istio-ca-root-cert' } });
  }
  if (crl)
    out.push({
      name: 'istio-ca-crl',
      configMap: { name: v.crlConfigMapName || 'istio-ca-crl', optional: true },
    });
  if (v.mountMtlsCerts) {
    const sa = input.pod.spec.serviceAccountName;
    out.push({ name: 'istio-certs', secret: { optional: true, secretName: `istio.${sa || 'default'}` } });
  }
  if (crl) {
    const user = jsonAnnotation(input, A.userVolume);
    for (const name of Object.keys(user)) {
      const spec = user[name];
      if (!isRecord(spec))
        throw new TemplateError(`annotation ${A.userVolume}: volume "${name}" must be an object`);
      out.push({ name, ...spec });
    }
  }
  return out;
}

/** The `sidecar` template: istio-init (or istio-validation), istio-proxy, and their volumes. */
export function sidecarTemplate(input: TemplateInput, sw: TemplateSwitches): PodLike {
  const initContainers: ContainerLike[] = [];
  if (!sw.noInitContainer && sw.interceptionMode !== 'NONE') initContainers.push(initContainer(input, sw));
  const proxy = proxyContainer(input, sw);
  const containers: ContainerLike[] = [];
  if (sw.nativeSidecar) initContainers.push(proxy);
  else containers.push(proxy);
  const pod: PodLike = {
    metadata: { labels: templateLabels(input), annotations: templateAnnotations(input, sw) },
    spec: { initContainers, containers, volumes: commonVolumes(input, true) },
  };
  if (input.values.imagePullSecrets.length > 0) {
    pod.spec.imagePullSecrets = input.values.imagePullSecrets.map((name) => ({ name }));
  }
  return pod;
}
