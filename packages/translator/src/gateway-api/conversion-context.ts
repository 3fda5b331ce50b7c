// What one Gateway API conversion reads and writes: the registry (Services, ServiceEntries, Namespaces), the
// ReferenceGrants, the messages for what cannot be converted and the route status conditions Istio would write.
// One context per registry version; pure (no I/O, no clock).
import type { LoadedResource, Registry } from '@minimesh/model';
import { type MessageSeverity, MessageSink } from '../messages.js';
import { ReferenceGrants } from './reference-grants.js';

export const GATEWAY_API_GROUP = 'gateway.networking.k8s.io';

/** A condition of a route's status for one parentRef (Gateway API RouteParentStatus.conditions). */
export interface RouteCondition {
  readonly type: 'Accepted' | 'ResolvedRefs';
  readonly status: 'True' | 'False';
  /** Gateway API reason: Accepted, NoMatchingParent, NotAllowedByListeners, BackendNotFound, RefNotPermitted... */
  readonly reason: string;
  readonly message: string;
}

/** The status Istio writes on a route: one entry per parentRef, in parentRefs order. */
export interface RouteStatus {
  /** `HTTPRoute default/bookinfo`. */
  readonly route: string;
  readonly parents: readonly {
    /** The parentRef as `Kind ns/name[/section][:port]`. */
    readonly parentRef: string;
    readonly conditions: readonly RouteCondition[];
  }[];
}

/** Message codes of the conversion (Istio has no analyzer code for them; its status reasons are in the text). */
export const GatewayApiMessageCode = {
  ParentNotAccepted: 'MM_GWAPI_PARENT_NOT_ACCEPTED',
  BackendNotFound: 'MM_GWAPI_BACKEND_NOT_FOUND',
  RefNotPermitted: 'MM_GWAPI_REF_NOT_PERMITTED',
  InvalidBackend: 'MM_GWAPI_INVALID_BACKEND',
  InvalidRoute: 'MM_GWAPI_INVALID_ROUTE',
  ListenerNotProgrammed: 'MM_GWAPI_LISTENER_NOT_PROGRAMMED',
  GatewayClassUnmanaged: 'MM_GWAPI_GATEWAY_CLASS_UNMANAGED',
} as const;

export class ConversionContext {
  readonly registry: Registry;
  readonly domainSuffix: string;
  readonly grants: ReferenceGrants;
  readonly sink = new MessageSink();
  readonly statuses: RouteStatus[] = [];
  #namespaces: ReadonlyMap<string, Readonly<Record<string, string>>> | undefined;
  #services: ReadonlySet<string> | undefined;

  constructor(registry: Registry) {
    this.registry = registry;
    this.domainSuffix = registry.domainSuffix;
    this.grants = new ReferenceGrants(registry);
  }

  report(
    resource: LoadedResource,
    code: string,
    severity: MessageSeverity,
    message: string,
    path: (string | number)[],
  ): void {
    this.sink.about(resource, code, severity, message, path);
  }

  /** True when a Kubernetes Service `namespace/name` is loaded (Istio checks the Service object, not the registry). */
  serviceExists(namespace: string, name: string): boolean {
    this.#services ??= new Set(this.registry.configs('Service').map((s) => `${s.namespace ?? ''}/${s.name}`));
    return this.#services.has(`${namespace}/${name}`);
  }

  /** The ServiceEntry `namespace/name`'s hosts, or undefined when there is none. */
  serviceEntryHosts(namespace: string, name: string): readonly string[] | undefined {
    const se = this.registry
      .configsIn('networking.istio.io/ServiceEntry', namespace)
      .find((s) => s.name === name);
    return se?.object.spec.hosts;
  }

  /** True when some service (Service or ServiceEntry host) answers `hostname` from `namespace`. */
  hostExists(hostname: string, namespace: string): boolean {
    return this.registry.service(hostname, namespace) !== undefined;
  }

  /**
   * Labels of every Namespace object, with `kubernetes.io/metadata.name` implied as Kubernetes sets it (Istio's
   * toNamespaceSet). Namespaces without an object are unknown to selectors, as they are to Istio.
   */
  namespaceLabels(): ReadonlyMap<string, Readonly<Record<string, string>>> {
    if (this.#namespaces !== undefined) return this.#namespaces;
    const out = new Map<string, Readonly<Record<string, string>>>();
    for (const ns of this.registry.configs('Namespace'))
      out.set(ns.name, { ...(ns.object.metadata.labels ?? {}), 'kubernetes.io/metadata.name': ns.name });
    this.#namespaces = out;
    return out;
  }
}
