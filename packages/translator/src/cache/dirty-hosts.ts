// What one Registry.apply invalidates in the translation cache, as istiod's ConfigsUpdated does for its xDS
// cache: the hostnames whose service, endpoints, VirtualServices or DestinationRules changed, or everything.
// Conservative by construction: a kind this file does not know to be tied to hosts (Sidecar, Gateway,
// PeerAuthentication, EnvoyFilter, Gateway API routes, Secrets...) invalidates everything, so a cached resource can
// only be stale when the registry's own `hostnames` of a change are incomplete.
import type { LoadedResource, Registry, RegistryApplyResult, VirtualService } from '@minimesh/model';

/** Dependency keys (`channel:hostname`) whose cached translations must be rebuilt, or `all`. */
export type DirtyHosts = ReadonlySet<string> | 'all';

/**
 * Kinds whose effect on translation the registry's change `hostnames` describe completely (see RegistryChange):
 * services and their endpoints, and the VirtualServices and DestinationRules bound to service hosts.
 */
const HOST_KINDS: ReadonlySet<string> = new Set([
  'Service',
  'ServiceEntry',
  'Pod',
  'WorkloadEntry',
  'Endpoints',
  'EndpointSlice',
  'VirtualService',
  'DestinationRule',
]);

/**
 * What of a hostname a change touches, so that a VirtualService edit does not rebuild the clusters of its host:
 * `svc` the service itself (a Service or ServiceEntry change dirties every channel of its hosts), `vs` its
 * VirtualServices, `dr` its DestinationRules, `ep` its endpoints. Cache entries depend on `channel:hostname` keys.
 */
export type Channel = 'svc' | 'vs' | 'dr' | 'ep';
export const ALL_CHANNELS: readonly Channel[] = Object.freeze(['svc', 'vs', 'dr', 'ep']);

/** The dependency key of one channel of one hostname. */
export function depKey(channel: Channel, hostname: string): string {
  return `${channel}:${hostname}`;
}

function channelsOf(kind: string): readonly Channel[] {
  switch (kind) {
    case 'VirtualService':
      return ['vs'];
    case 'DestinationRule':
      return ['dr'];
    case 'Pod':
    case 'WorkloadEntry':
    case 'Endpoints':
    case 'EndpointSlice':
      return ['ep'];
    default:
      return ALL_CHANNELS;
  }
}

/** A VirtualService without hosts is a delegate (or invalid): what it affects is not named by hosts. */
function hostless(r: LoadedResource | undefined): boolean {
  if (r === undefined || !r.known) return false;
  const hosts = (r as LoadedResource<VirtualService>).object.spec?.hosts;
  return hosts === undefined || hosts.length === 0;
}

/** The dependency keys `result` (an apply on `from`) makes dirty. */
export function dirtyHosts(from: Registry, result: RegistryApplyResult): DirtyHosts {
  const out = new Set<string>();
  for (const change of result.changes) {
    if (!HOST_KINDS.has(change.kind)) return 'all';
    if (change.kind === 'VirtualService') {
      if (hostless(from.resource(change.key)) || hostless(result.registry.resource(change.key))) return 'all';
    }
    const channels = channelsOf(change.kind);
    for (const h of change.hostnames) for (const c of channels) out.add(depKey(c, h));
  }
  return out;
}

/** Merges two dirty sets (`all` absorbs). */
export function mergeDirty(a: DirtyHosts, b: DirtyHosts): DirtyHosts {
  if (a === 'all' || b === 'all') return 'all';
  return new Set([...a, ...b]);
}
