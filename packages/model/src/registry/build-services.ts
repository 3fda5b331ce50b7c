// MeshServices from Kubernetes Services (Istio's kube ConvertService) and from ServiceEntries (Istio's
// serviceentry convertServices: one service per host). Outputs are deeply frozen.
import { isIP } from 'node:net';
import { type LoadedResource, resourceKey, resourceRef } from '../loader/loaded-resource.js';
import type { ServiceEntry } from '../schema/istio/service-entry.js';
import type { Service } from '../schema/kube/service.js';
import { allocatedClusterIP } from './cluster-ip.js';
import { DEFAULT_DOMAIN_SUFFIX, serviceFqdn } from './hostname.js';
import { freezeLabels, isEmptyLabels, MeshWellKnown } from './labels.js';
import { namespaceOf } from './mesh-kinds.js';
import { detectProtocol, parseProtocol } from './protocol.js';
import type { MeshResolution, MeshService, MeshServicePort } from './service.js';
import { exportToFromAnnotation, normalizeExportTo } from './visibility.js';

const NO_ADDRESSES: readonly string[] = Object.freeze([]);

/**
 * The MeshService of a Kubernetes Service:
 * - hostname `name.namespace.svc.<domainSuffix>`;
 * - `type: ExternalName` is a MeshExternal alias resolved by DNS (`externalName` kept);
 * - `clusterIP: None` (headless) is Passthrough; otherwise the cluster IPs are the addresses, and a Service
 *   written without one (not ExternalName) gets the address the API server would allocate (cluster-ip.ts);
 * - each port's protocol by Istio's detection (UDP, appProtocol, name prefix, server-first ports);
 * - an empty selector counts as none (the Service's endpoints then come from Endpoints/EndpointSlices);
 * - exportTo from the `networking.istio.io/exportTo` annotation, `*` when absent.
 */
export function serviceFromKubernetes(
  r: LoadedResource<Service>,
  domainSuffix = DEFAULT_DOMAIN_SUFFIX,
): MeshService {
  const meta = r.object.metadata;
  const spec = r.object.spec ?? {};
  const namespace = namespaceOf(r);
  let resolution: MeshResolution = 'ClientSideLB';
  let externalName: string | undefined;
  if (spec.type === 'ExternalName' && spec.externalName !== undefined && spec.externalName !== '') {
    externalName = spec.externalName;
    resolution = 'DNS';
  }
  let clusterIP: string | undefined;
  let addresses = NO_ADDRESSES;
  let allocated = false;
  if (spec.clusterIP === 'None') resolution = 'Passthrough';
  else if (spec.clusterIP !== undefined && spec.clusterIP !== '') {
    clusterIP = spec.clusterIP;
    const ips = spec.clusterIPs !== undefined && spec.clusterIPs.length > 1 ? spec.clusterIPs : [clusterIP];
    addresses = Object.freeze([...ips]);
  } else if (externalName === undefined) {
    clusterIP = allocatedClusterIP(namespace, r.name);
    allocated = true;
    addresses = Object.freeze([clusterIP]);
  }
  const ports = Object.freeze(
    (spec.ports ?? []).map((p) =>
      freezePort({
        name: p.name ?? '',
        port: p.port,
        ...(p.targetPort === undefined ? {} : { targetPort: p.targetPort }),
        protocol: detectProtocol(p),
        ...(p.appProtocol === undefined ? {} : { appProtocol: p.appProtocol }),
      }),
    ),
  );
  const selector = isEmptyLabels(spec.selector) ? undefined : freezeLabels(spec.selector);
  return Object.freeze({
    hostname: serviceFqdn(r.name, namespace, domainSuffix),
    namespace,
    name: r.name,
    ports,
    ...(clusterIP === undefined ? {} : { clusterIP }),
    ...(allocated ? { clusterIPAllocated: true as const } : {}),
    addresses,
    labels: freezeLabels(meta.labels),
    ...(selector === undefined ? {} : { selector }),
    exportTo: exportToFromAnnotation(meta.annotations?.[MeshWellKnown.exportToAnnotation]),
    resolution,
    location: externalName === undefined ? 'MeshInternal' : 'MeshExternal',
    source: 'kubernetes',
    ...(externalName === undefined ? {} : { externalName }),
    origin: resourceRef(r),
    originKey: resourceKey(r),
  });
}

const SE_RESOLUTION: Readonly<Record<string, MeshResolution>> = {
  NONE: 'Passthrough',
  STATIC: 'ClientSideLB',
  DNS: 'DNS',
  DNS_ROUND_ROBIN: 'DNSRoundRobin',
  DYNAMIC_DNS: 'DynamicDNS',
};

/**
 * The MeshServices of a ServiceEntry, one per host, in the order of `hosts`. Hosts are taken as written (Istio
 * does not expand short names in ServiceEntry hosts); all share the entry's namespace, ports (protocol parsed
 * from `protocol`), addresses (a CIDR of a single host becomes that IP), labels, exportTo, location (default
 * MESH_EXTERNAL) and resolution (default NONE = Passthrough).
 */
export function servicesFromServiceEntry(r: LoadedResource<ServiceEntry>): MeshService[] {
  const spec = r.object.spec;
  const namespace = namespaceOf(r);
  const ports = Object.freeze(
    (spec.ports ?? []).map((p) =>
      freezePort({
        name: p.name,
        port: p.number,
        ...(p.targetPort === undefined ? {} : { targetPort: p.targetPort }),
        protocol: parseProtocol(p.protocol),
      }),
    ),
  );
  const addresses = Object.freeze((spec.addresses ?? []).map(singleHostCidrToIp));
  const labels = freezeLabels(r.object.metadata.labels);
  const selectorLabels = spec.workloadSelector?.labels;
  const selector = spec.workloadSelector === undefined ? undefined : freezeLabels(selectorLabels);
  const exportTo = normalizeExportTo(spec.exportTo);
  const resolution = SE_RESOLUTION[spec.resolution ?? 'NONE'] ?? 'Passthrough';
  const location = spec.location === 'MESH_INTERNAL' ? 'MeshInternal' : 'MeshExternal';
  const origin = resourceRef(r);
  const originKey = resourceKey(r);
  const seen = new Set<string>();
  const out: MeshService[] = [];
  for (const hostname of spec.hosts) {
    if (seen.has(hostname)) continue;
    seen.add(hostname);
    out.push(
      Object.freeze({
        hostname,
        namespace,
        name: r.name,
        ports,
        addresses,
        labels,
        ...(selector === undefined ? {} : { selector }),
        exportTo,
        resolution,
        location,
        source: 'serviceentry',
        origin,
        originKey,
      }),
    );
  }
  return out;
}

function freezePort(p: MeshServicePort): MeshServicePort {
  return Object.freeze(p);
}

/** `10.0.0.1/32` -> `10.0.0.1` (and `/128` for IPv6); other CIDRs and IPs unchanged. */
function singleHostCidrToIp(address: string): string {
  const slash = address.indexOf('/');
  if (slash < 0) return address;
  const ip = address.slice(0, slash);
  const bits = address.slice(slash + 1);
  const family = isIP(ip);
  if ((family === 4 && bits === '32') || (family === 6 && bits === '128')) return ip;
  return address;
}
