// A service as the mesh sees it (Istio's model.Service): one per Kubernetes Service and one per host of each
// ServiceEntry. Every MeshService the registry hands out is deeply frozen.
import type { MeshLabels } from './labels.js';
import type { MeshProtocol } from './protocol.js';

/**
 * How a client reaches the service's endpoints (Istio's model.Resolution):
 * - `ClientSideLB`: the proxy balances over the known endpoints (EDS).
 * - `Passthrough`: to the address the client dialled (headless Services, ServiceEntry `resolution: NONE`).
 * - `DNS`: the proxy resolves the endpoint names by DNS and balances over every address (STRICT_DNS).
 * - `DNSRoundRobin`: DNS, but one address at a time (LOGICAL_DNS).
 * - `DynamicDNS`: resolved per request from the request's host (ServiceEntry `DYNAMIC_DNS`, wildcard hosts).
 */
export type MeshResolution = 'ClientSideLB' | 'Passthrough' | 'DNS' | 'DNSRoundRobin' | 'DynamicDNS';

/** Inside the mesh (workloads have proxies, mTLS applies) or outside it. */
export type MeshLocation = 'MeshInternal' | 'MeshExternal';

export type MeshServiceSource = 'kubernetes' | 'serviceentry';

export interface MeshServicePort {
  /** The port name; '' when the Service has a single unnamed port. */
  readonly name: string;
  /** The service port, 1-65535. */
  readonly port: number;
  /**
   * Kubernetes' targetPort (a number, or the name of a container port) or a ServiceEntry's targetPort; absent
   * when unset, which means the service port itself.
   */
  readonly targetPort?: number | string;
  readonly protocol: MeshProtocol;
  /** Kubernetes appProtocol, as written. */
  readonly appProtocol?: string;
}

export interface MeshService {
  /** FQDN for Kubernetes Services (`reviews.default.svc.cluster.local`); the host as written for ServiceEntries. */
  readonly hostname: string;
  readonly namespace: string;
  /** The name of the resource the service comes from (the Service, or the ServiceEntry). */
  readonly name: string;
  readonly ports: readonly MeshServicePort[];
  /**
   * The Kubernetes cluster IP; absent for headless and ExternalName Services and for ServiceEntries. A Service
   * written without one gets one from 10.96.0.0/12, as the API server would allocate it (see cluster-ip.ts).
   */
  readonly clusterIP?: string;
  /** True when the registry allocated `clusterIP` because the manifest had none. */
  readonly clusterIPAllocated?: true;
  /** Virtual addresses clients dial: cluster IPs, or the ServiceEntry's addresses (CIDRs of one host as IPs). */
  readonly addresses: readonly string[];
  /** Labels of the Service or ServiceEntry. */
  readonly labels: MeshLabels;
  /** Label selector of backing workloads (Service spec.selector, ServiceEntry workloadSelector.labels). */
  readonly selector?: MeshLabels;
  /** Effective exportTo (default `*`): `*`, `.`, `~` or namespace names. */
  readonly exportTo: readonly string[];
  readonly resolution: MeshResolution;
  readonly location: MeshLocation;
  readonly source: MeshServiceSource;
  /** Kubernetes ExternalName Services: the DNS name the service is an alias of. */
  readonly externalName?: string;
  /** `Service default/reviews`, `ServiceEntry default/external-svc`. */
  readonly origin: string;
  /** resourceKey of the origin resource. */
  readonly originKey: string;
}

/** The port of `service` with this number, or with this name. */
export function findServicePort(service: MeshService, port: number | string): MeshServicePort | undefined {
  return service.ports.find((p) => (typeof port === 'number' ? p.port === port : p.name === port));
}

/** `namespace/hostname`: services are unique by this pair (the same host may exist in several namespaces). */
export function meshServiceKey(service: Pick<MeshService, 'namespace' | 'hostname'>): string {
  return `${service.namespace}/${service.hostname}`;
}
