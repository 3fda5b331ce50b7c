// The annotations and labels injection reads, and their validation as Istio's inject/validate.go does it: an
// invalid value fails injection (the webhook answers allowed=false) rather than producing a broken pod.
import { InvalidAnnotationError } from '../errors.js';
import type { StringMap } from '../types.js';

export const A = {
  inject: 'sidecar.istio.io/inject',
  status: 'sidecar.istio.io/status',
  proxyImage: 'sidecar.istio.io/proxyImage',
  proxyCPU: 'sidecar.istio.io/proxyCPU',
  proxyMemory: 'sidecar.istio.io/proxyMemory',
  proxyCPULimit: 'sidecar.istio.io/proxyCPULimit',
  proxyMemoryLimit: 'sidecar.istio.io/proxyMemoryLimit',
  interceptionMode: 'sidecar.istio.io/interceptionMode',
  nativeSidecar: 'sidecar.istio.io/nativeSidecar',
  logLevel: 'sidecar.istio.io/logLevel',
  componentLogLevel: 'sidecar.istio.io/componentLogLevel',
  agentLogLevel: 'sidecar.istio.io/agentLogLevel',
  capNetBindService: 'sidecar.istio.io/capNetBindService',
  bootstrapOverride: 'sidecar.istio.io/bootstrapOverride',
  userVolume: 'sidecar.istio.io/userVolume',
  userVolumeMount: 'sidecar.istio.io/userVolumeMount',
  rewriteAppHTTPProbers: 'sidecar.istio.io/rewriteAppHTTPProbers',
  injectTemplates: 'inject.istio.io/templates',
  statusPort: 'status.sidecar.istio.io/port',
  readinessInitialDelaySeconds: 'readiness.status.sidecar.istio.io/initialDelaySeconds',
  readinessPeriodSeconds: 'readiness.status.sidecar.istio.io/periodSeconds',
  readinessFailureThreshold: 'readiness.status.sidecar.istio.io/failureThreshold',
  includeOutboundIPRanges: 'traffic.sidecar.istio.io/includeOutboundIPRanges',
  excludeOutboundIPRanges: 'traffic.sidecar.istio.io/excludeOutboundIPRanges',
  includeInboundPorts: 'traffic.sidecar.istio.io/includeInboundPorts',
  excludeInboundPorts: 'traffic.sidecar.istio.io/excludeInboundPorts',
  includeOutboundPorts: 'traffic.sidecar.istio.io/includeOutboundPorts',
  excludeOutboundPorts: 'traffic.sidecar.istio.io/excludeOutboundPorts',
  excludeInterfaces: 'traffic.sidecar.istio.io/excludeInterfaces',
  kubevirtInterfaces: 'traffic.sidecar.istio.io/kubevirtInterfaces',
  rerouteVirtualInterfaces: 'istio.io/reroute-virtual-interfaces',
  proxyConfig: 'proxy.istio.io/config',
  proxyOverrides: 'proxy.istio.io/overrides',
  prometheusMergeMetrics: 'prometheus.istio.io/merge-metrics',
  rev: 'istio.io/rev',
  defaultContainer: 'kubectl.kubernetes.io/default-container',
  defaultLogsContainer: 'kubectl.kubernetes.io/default-logs-container',
  multusNetworks: 'k8s.v1.cni.cncf.io/networks',
} as const;

export const L = {
  inject: 'sidecar.istio.io/inject',
  rev: 'istio.io/rev',
  namespaceInjection: 'istio-injection',
  tlsMode: 'security.istio.io/tlsMode',
  canonicalName: 'service.istio.io/canonical-name',
  canonicalRevision: 'service.istio.io/canonical-revision',
  workloadName: 'service.istio.io/workload-name',
  network: 'topology.istio.io/network',
} as const;

/** `annotation .ObjectMeta name default` of Istio's template: the annotation when present (even empty), else `fallback`. */
export function annotationOr(annotations: StringMap, name: string, fallback: string): string {
  return Object.hasOwn(annotations, name) ? (annotations[name] ?? fallback) : fallback;
}

type Check = (value: string) => string | undefined;

/** A port 0-65535 written in decimal, spaces around allowed (Go's ParseUint(…, 10, 16) after TrimSpace). */
export function parsePort(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n <= 65535 ? n : undefined;
}

function portList(label: string): Check {
  return (value) => {
    const t = value.trim();
    if (t === '') return undefined;
    for (const part of t.split(',')) {
      if (parsePort(part) === undefined) return `${label} invalid: failed parsing port '${part}'`;
    }
    return undefined;
  };
}

/** A CIDR as Go's netip.ParsePrefix accepts it: an IPv4 or IPv6 address, "/", a prefix length in range. */
export function isCidr(text: string): boolean {
  const slash = text.indexOf('/');
  if (slash < 0) return false;
  const addr = text.slice(0, slash);
  const bits = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits)) return false;
  const len = Number(bits);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(addr)) {
    const ok = addr.split('.').every((o) => Number(o) <= 255 && !(o.length > 1 && o.startsWith('0')));
    return ok && len <= 32;
  }
  if (addr.includes(':') && /^[0-9a-fA-F:.]+$/.test(addr) && (addr.match(/::/g) ?? []).length <= 1) {
    return len <= 128;
  }
  return false;
}

function cidrList(label: string, allowStar: boolean): Check {
  return (value) => {
    if (allowStar && value === '*') return undefined;
    if (value.length === 0) return undefined;
    for (const cidr of value.split(',')) {
      if (!isCidr(cidr)) return `${label} invalid: failed parsing cidr '${cidr}'`;
    }
    return undefined;
  };
}

const uint32: Check = (v) =>
  /^\d+$/.test(v) && Number(v) <= 0xffffffff ? undefined : 'not an unsigned 32-bit integer';
const bool: Check = (v) =>
  ['1', 't', 'T', 'TRUE', 'true', 'True', '0', 'f', 'F', 'FALSE', 'false', 'False'].includes(v)
    ? undefined
    : 'not a boolean';
/** A Kubernetes resource quantity ("100m", "1Gi", "2", "1e3", "0.5"). */
const quantity: Check = (v) =>
  /^[+-]?(\d+(\.\d*)?|\.\d+)(([KMGTPE]i)|[numkMGTPE]|[eE][+-]?\d+)?$/.test(v)
    ? undefined
    : 'not a resource quantity';
const interfaces: Check = (v) =>
  v.split(',').every((i) => /^[^\s/]*$/.test(i.trim())) ? undefined : 'invalid interface name';
const interception: Check = (v) =>
  v === 'REDIRECT' || v === 'TPROXY' || v === 'NONE'
    ? undefined
    : `interceptionMode invalid, use REDIRECT,TPROXY,NONE: ${v}`;

const CHECKS: ReadonlyMap<string, Check> = new Map<string, Check>([
  [A.interceptionMode, interception],
  [
    A.statusPort,
    (v) =>
      parsePort(v) === undefined ? `excludeInboundPorts invalid: failed parsing port '${v}'` : undefined,
  ],
  [A.readinessInitialDelaySeconds, uint32],
  [A.readinessPeriodSeconds, uint32],
  [A.readinessFailureThreshold, uint32],
  [A.includeOutboundIPRanges, cidrList('includeIPRanges', true)],
  [A.excludeOutboundIPRanges, cidrList('excludeIPRanges', false)],
  [A.includeInboundPorts, (v) => (v === '*' ? undefined : portList('includeInboundPorts')(v))],
  [A.excludeInboundPorts, portList('excludeInboundPorts')],
  [A.excludeOutboundPorts, portList('excludeOutboundPorts')],
  [A.excludeInterfaces, interfaces],
  [A.kubevirtInterfaces, interfaces],
  [A.rerouteVirtualInterfaces, interfaces],
  [A.prometheusMergeMetrics, bool],
  [A.proxyCPU, quantity],
  [A.proxyMemory, quantity],
  [A.proxyCPULimit, quantity],
  [A.proxyMemoryLimit, quantity],
]);

/** Every problem with the pod's annotations, sorted by annotation name; throws when there is one. */
export function validateAnnotations(annotations: StringMap): void {
  const problems: string[] = [];
  for (const name of Object.keys(annotations).sort()) {
    const check = CHECKS.get(name);
    const value = annotations[name] ?? '';
    const problem = check?.(value);
    if (problem !== undefined) problems.push(`invalid value '${value}' for annotation '${name}': ${problem}`);
  }
  if (problems.length > 0) throw new InvalidAnnotationError(problems);
}
