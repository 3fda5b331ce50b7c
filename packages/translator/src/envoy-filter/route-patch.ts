// ROUTE_CONFIGURATION, VIRTUAL_HOST and HTTP_ROUTE patches (istiod 1.30 rc_patch.go): MERGE into the route
// configuration; per virtual host REMOVE, MERGE or REPLACE, then its routes (REMOVE and MERGE per route, then
// ADD / INSERT_* in patch order); virtual host ADDs last. Matching: sidecars by route configuration name and port
// (`9080`, `inbound|9080||`); gateways by name, port (the Gateway server ports behind the listener port of
// `http.8080`), port name and gateway (`https.443.<portName>.<gateway>.<ns>`); then virtual host name / domain,
// route name and action.
import type { RouteConfiguration } from '@minimesh/model';
import { parseSubsetKey } from '../naming.js';
import { type CompiledPatch, contextMatches, type PatchContext } from './compile-patches.js';
import type { PatchesByType } from './filter-patch.js';
import { applyRouteListOperation } from './list-ops.js';
import { PatchRun } from './patch-run.js';
import { mergeMessage, type ObjectForm } from './proto-merge.js';

const ROUTE_CONFIGURATION = 'envoy.config.route.v3.RouteConfiguration';
const VIRTUAL_HOST = 'envoy.config.route.v3.VirtualHost';
const ROUTE = 'envoy.config.route.v3.Route';

/** Gateway route port -> the Gateway server ports served on it (istiod MergedGateway.PortMap). */
export type GatewayPortMap = ReadonlyMap<number, ReadonlySet<number>>;

function isMerge(p: CompiledPatch): boolean {
  return p.operation === 'MERGE' || p.operation === 'MERGE_AND_REPLACE_LIST';
}

function list(v: unknown): ObjectForm[] {
  return Array.isArray(v) ? (v as ObjectForm[]) : [];
}

/** istiod getListenerPortFromName: `9080` -> 9080, `inbound|9080||` -> 9080, else 0. */
function sidecarRoutePort(name: string): number {
  if (name.startsWith('inbound')) return parseSubsetKey(name)?.port ?? 0;
  return /^\d+$/.test(name) ? Number(name) : 0;
}

/** istiod ParseGatewayRDSRouteName: port, port name and `ns/name` gateway of a gateway route name. */
function parseGatewayRouteName(name: string): { port: number; portName: string; gateway: string } {
  if (name.startsWith('http.'))
    return { port: Number.parseInt(name.slice(5), 10) || 0, portName: '', gateway: '' };
  const parts = name.split('.');
  if (name.startsWith('https.') && parts.length === 5) {
    const [, port = '', portName = '', gwName = '', gwNs = ''] = parts;
    return { port: Number.parseInt(port, 10) || 0, portName, gateway: `${gwNs}/${gwName}` };
  }
  return { port: 0, portName: '', gateway: '' };
}

function routeConfigurationMatches(
  context: PatchContext,
  rc: ObjectForm,
  patch: CompiledPatch,
  portMap: GatewayPortMap,
): boolean {
  const m = patch.match.routeConfiguration;
  if (m === undefined) return true;
  const name = typeof rc.name === 'string' ? rc.name : '';
  if (m.name && m.name !== name) return false;
  if (context !== 'GATEWAY') return !m.portNumber || sidecarRoutePort(name) === m.portNumber;
  const parsed = parseGatewayRouteName(name);
  if (m.portName && m.portName !== parsed.portName) return false;
  if (m.gateway && m.gateway !== parsed.gateway) return false;
  if (m.portNumber) {
    const served = portMap.get(parsed.port);
    if (served !== undefined ? !served.has(m.portNumber) : parsed.port !== m.portNumber) return false;
  }
  return true;
}

function virtualHostMatches(vh: ObjectForm, patch: CompiledPatch): boolean {
  const m = patch.match.routeConfiguration?.vhost;
  if (m === undefined) return true;
  const domains = Array.isArray(vh.domains) ? (vh.domains as string[]) : [];
  return (!m.name || m.name === vh.name) && (!m.domainName || domains.includes(m.domainName));
}

function hasRouteMatch(patch: CompiledPatch): boolean {
  return patch.match.routeConfiguration?.vhost?.route !== undefined;
}

function routeMatches(route: ObjectForm, patch: CompiledPatch): boolean {
  const m = patch.match.routeConfiguration?.vhost?.route;
  if (m === undefined) return true;
  if (m.name && m.name !== route.name) return false;
  switch (m.action ?? 'ANY') {
    case 'ROUTE':
      return route.route !== undefined;
    case 'REDIRECT':
      return route.redirect !== undefined;
    case 'DIRECT_RESPONSE':
      return route.direct_response !== undefined;
    default:
      return true;
  }
}

/** Patches one route configuration in `context`; the result (the original when a patch broke it). */
export function patchRouteConfiguration(
  run: PatchRun,
  context: PatchContext,
  patches: PatchesByType,
  original: RouteConfiguration,
  portMap: GatewayPortMap,
): RouteConfiguration {
  const relevant = (applyTo: CompiledPatch['applyTo'], rc: ObjectForm) =>
    (patches.get(applyTo) ?? []).filter(
      (p) => contextMatches(p, context) && routeConfigurationMatches(context, rc, p, portMap),
    );
  // A route configuration no patch can touch is kept as it is, without a copy.
  const family = (['ROUTE_CONFIGURATION', 'VIRTUAL_HOST', 'HTTP_ROUTE'] as const).some(
    (t) => relevant(t, original as ObjectForm).length > 0,
  );
  if (!family) return original;
  const label = `route configuration ${original.name ?? ''}`;
  const patched = run.guard(ROUTE_CONFIGURATION, original, label, (copy) => {
    const rc = copy as ObjectForm;
    for (const p of relevant('ROUTE_CONFIGURATION', rc)) {
      if (!isMerge(p)) continue; // only MERGE applies to a whole route configuration
      mergeMessage(ROUTE_CONFIGURATION, rc, p.value ?? {}, { replaceLists: p.operation !== 'MERGE' });
      run.applied(p);
    }
    const vhPatches = relevant('VIRTUAL_HOST', rc);
    const routePatches = relevant('HTTP_ROUTE', rc);
    const hosts: ObjectForm[] = [];
    for (const vh of list(rc.virtual_hosts)) {
      const kept = patchVirtualHost(run, vhPatches, vh);
      if (kept === undefined) continue;
      patchRoutes(run, routePatches, kept);
      hosts.push(kept);
    }
    for (const p of vhPatches) {
      if (p.operation !== 'ADD') continue;
      hosts.push(PatchRun.copy<ObjectForm>(p));
      run.applied(p);
    }
    if (hosts.length > 0 || rc.virtual_hosts !== undefined) rc.virtual_hosts = hosts;
    return copy;
  });
  return patched ?? original;
}

/** REMOVE (undefined), MERGE or REPLACE of one virtual host, in patch order. */
function patchVirtualHost(
  run: PatchRun,
  patches: readonly CompiledPatch[],
  host: ObjectForm,
): ObjectForm | undefined {
  let vh = host;
  for (const p of patches) {
    if (!virtualHostMatches(vh, p)) continue;
    if (p.operation === 'REMOVE') {
      run.applied(p);
      return undefined;
    }
    if (isMerge(p)) mergeMessage(VIRTUAL_HOST, vh, p.value ?? {}, { replaceLists: p.operation !== 'MERGE' });
    else if (p.operation === 'REPLACE') vh = PatchRun.copy<ObjectForm>(p);
    else continue;
    run.applied(p);
  }
  return vh;
}

/** Route REMOVE / MERGE per route, then the inserting operations, on one virtual host in place. */
function patchRoutes(run: PatchRun, all: readonly CompiledPatch[], vh: ObjectForm): void {
  const patches = all.filter((p) => virtualHostMatches(vh, p));
  if (patches.length === 0) return;
  const routes: ObjectForm[] = [];
  for (const route of list(vh.routes)) {
    let removed = false;
    for (const p of patches) {
      if (!routeMatches(route, p)) continue;
      if (p.operation === 'REMOVE') {
        removed = true;
        run.applied(p);
        break;
      }
      if (isMerge(p)) {
        mergeMessage(ROUTE, route, p.value ?? {}, { replaceLists: p.operation !== 'MERGE' });
        run.applied(p);
      }
    }
    if (!removed) routes.push(route);
  }
  let out = routes;
  for (const p of patches) {
    const r = applyRouteListOperation(out, {
      operation: p.operation,
      hasTarget: hasRouteMatch(p),
      isTarget: (e) => routeMatches(e, p),
      make: () => PatchRun.copy<ObjectForm>(p),
    });
    out = r.list;
    if (r.applied) run.applied(p);
  }
  if (out.length > 0 || vh.routes !== undefined) vh.routes = out;
}
