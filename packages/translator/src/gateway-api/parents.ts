// Where a route attaches (istiod 1.30 conversion.go extractParentReferenceInfo / referenceAllowed): each parentRef
// names a Kubernetes Gateway (every listener it matches by sectionName and port, whose hostnames intersect the
// route's, whose allowedRoutes admit the route's namespace and kind), or a Service / ServiceEntry (GAMMA: the route
// binds to the sidecars calling that service, Istio's `mesh` gateway).
import { hostSubsetOf, hostsIntersect, type LoadedResource, type ParentReference } from '@minimesh/model';
import { type ConversionContext, GATEWAY_API_GROUP } from './conversion-context.js';
import type { ListenerParent } from './gateways.js';

export const MESH_PARENT = 'mesh';

export type ParentKind = 'Gateway' | 'Service' | 'ServiceEntry';

/** Why a parent refused the route (Gateway API reasons). */
export interface ParentDenial {
  readonly reason: 'NoMatchingParent' | 'NotAllowedByListeners' | 'NoMatchingListenerHostname';
  readonly message: string;
}

/** One (parentRef, listener) pair, or one mesh parentRef. */
export interface RouteParent {
  /** `ns/<internal gateway>` or `mesh`. */
  readonly internalName: string;
  readonly kind: ParentKind;
  readonly ref: ParentReference;
  /** Index of the ref in spec.parentRefs. */
  readonly refIndex: number;
  /** The listener's hostname as written ('' when unset or mesh). */
  readonly listenerHostname: string;
  /** Hostnames of other listeners on the same port and protocol (a route host they cover more exactly is theirs). */
  readonly bannedHostnames: readonly string[];
  readonly denied?: ParentDenial;
}

/** `Kind ns/name[/section][:port]` of a parentRef (status and messages). */
export function parentRefString(ref: ParentReference, routeNamespace: string): string {
  const section = ref.sectionName === undefined ? '' : `/${ref.sectionName}`;
  const port = ref.port === undefined ? '' : `:${ref.port}`;
  return `${ref.kind ?? 'Gateway'} ${ref.namespace ?? routeNamespace}/${ref.name}${section}${port}`;
}

function kindOfRef(ref: ParentReference): ParentKind | undefined {
  const group = ref.group ?? GATEWAY_API_GROUP;
  const kind = ref.kind ?? 'Gateway';
  if (group === GATEWAY_API_GROUP && kind === 'Gateway') return 'Gateway';
  if (group === '' && kind === 'Service') return 'Service';
  if (group === 'networking.istio.io' && kind === 'ServiceEntry') return 'ServiceEntry';
  return undefined;
}

/** The denial of a listener for a route (referenceAllowed, Gateway branch), or undefined when it accepts it. */
function listenerDenial(
  p: ListenerParent,
  ref: ParentReference,
  routeKind: string,
  routeHostnames: readonly string[],
  routeNamespace: string,
): ParentDenial | undefined {
  if (ref.port !== undefined && ref.port !== p.port)
    return { reason: 'NoMatchingParent', message: `port ${ref.port} not found` };
  if (ref.sectionName !== undefined && ref.sectionName !== p.sectionName)
    return { reason: 'NoMatchingParent', message: `sectionName "${ref.sectionName}" not found` };
  const hosts = routeHostnames.length === 0 ? ['*'] : routeHostnames;
  let matched = false;
  let hostMatched = false;
  for (const routeHost of hosts) {
    for (const parentHost of p.hostnames) {
      const slash = parentHost.indexOf('/');
      const ns = slash < 0 ? '*' : parentHost.slice(0, slash);
      const host = parentHost.slice(slash + 1);
      const hostOk = hostsIntersect(host, routeHost);
      hostMatched ||= hostOk;
      if (hostOk && (ns === '*' || ns === routeNamespace)) matched = true;
    }
  }
  if (!matched)
    return hostMatched
      ? {
          reason: 'NotAllowedByListeners',
          message: `hostnames matched parent hostname "${p.originalHostname}", but namespace "${routeNamespace}" is not allowed by the parent`,
        }
      : {
          reason: 'NoMatchingListenerHostname',
          message: `no hostnames matched parent hostname "${p.originalHostname}"`,
        };
  if (!p.allowedKinds.some((k) => k.group === GATEWAY_API_GROUP && k.kind === routeKind))
    return {
      reason: 'NotAllowedByListeners',
      message: `kind ${GATEWAY_API_GROUP}/v1, Kind=${routeKind} is not allowed`,
    };
  return undefined;
}

/**
 * Every parent of a route, sorted by parentRef text (Istio sorts them so), each listener of a Gateway apart.
 * A Gateway that is missing (or not Istio's) gives one denied entry so that status and messages can say so.
 */
export function routeParents(
  ctx: ConversionContext,
  route: LoadedResource<{ spec: { parentRefs?: ParentReference[] | undefined } }>,
  routeKind: string,
  routeHostnames: readonly string[],
  listeners: ReadonlyMap<string, readonly ListenerParent[]>,
): RouteParent[] {
  const routeNs = route.namespace ?? 'default';
  const out: RouteParent[] = [];
  (route.object.spec.parentRefs ?? []).forEach((ref, refIndex) => {
    const kind = kindOfRef(ref);
    if (kind === undefined) return; // istiod skips unsupported parent kinds
    const ns = ref.namespace ?? routeNs;
    const base = { ref, refIndex, kind, listenerHostname: '', bannedHostnames: [] as string[] };
    if (kind !== 'Gateway') {
      const exists =
        kind === 'Service'
          ? ctx.serviceExists(ns, ref.name)
          : ctx.serviceEntryHosts(ns, ref.name) !== undefined;
      const what = kind === 'Service' ? 'parent service' : 'parent service entry';
      out.push({
        ...base,
        internalName: MESH_PARENT,
        ...(exists
          ? {}
          : { denied: { reason: 'NoMatchingParent', message: `${what}: "${ref.name}" not found` } }),
      });
      return;
    }
    const candidates = listeners.get(`${ns}/${ref.name}`);
    if (candidates === undefined || candidates.length === 0) {
      out.push({
        ...base,
        internalName: `${ns}/${ref.name}`,
        denied: {
          reason: 'NoMatchingParent',
          message: `parent gateway "${ns}/${ref.name}" not found (or not managed by Istio)`,
        },
      });
      return;
    }
    for (const p of candidates) {
      const banned = candidates
        .filter(
          (o) =>
            o !== p &&
            o.port === p.port &&
            o.protocol === p.protocol &&
            o.originalHostname !== p.originalHostname,
        )
        .map((o) => o.originalHostname);
      const denied = listenerDenial(p, ref, routeKind, routeHostnames, routeNs);
      out.push({
        ...base,
        internalName: p.internalName,
        listenerHostname: p.originalHostname,
        bannedHostnames: banned,
        ...(denied === undefined ? {} : { denied }),
      });
    }
  });
  const key = (p: RouteParent) => parentRefString(p.ref, routeNs);
  return out.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

/**
 * Istio's hostnameAllowedByIsolation: with a wildcard (or no) listener hostname, a route host that another
 * listener on the same port names more exactly belongs to that listener only.
 */
export function hostAllowedByIsolation(p: RouteParent, routeHost: string): boolean {
  const ours = p.listenerHostname;
  if (ours !== '' && !ours.startsWith('*')) return true;
  if (ours !== '' && !hostsIntersect(routeHost, ours)) return false;
  for (const other of p.bannedHostnames) {
    if (ours.length > other.length) continue;
    if (other !== '' && hostSubsetOf(routeHost, other)) return false;
  }
  return true;
}
