// Delegate VirtualServices (istiod 1.30 pilot/pkg/model/virtualservice_controller.go mergeVirtualServices): a root
// route `delegate: {name, namespace}` is replaced by the delegate VirtualService's HTTP routes merged under it
// (delegate-merge.ts). As in istiod, the delegate is looked up by name among VirtualServices without hosts (one
// with hosts is not a delegate: the route is ignored), it must be exported to the root's namespace, short names
// resolve in the namespace of the VirtualService that wrote them, and a delegate route whose matches conflict with
// the root's is dropped. Each of these becomes a message; the other routes still translate.
//
// The Envoy routes carry the root's `istio.config` (istiod merges the delegate into the root's config), and
// minimesh's file / line / http name the root's route with the delegate (what the simulator reports); the added
// `delegate`, `delegate_file`, `delegate_line` and `delegate_http` fields name the delegate route it came from.
import {
  type Destination,
  type HTTPMatchRequest,
  type IstioHTTPRoute,
  type LoadedResource,
  MESH_GATEWAY_NAME,
  MeshKind,
  type Route,
  resolveGatewayName,
  resolveShortName,
  type VirtualService,
} from '@minimesh/model';
import { MessageCode } from '../messages.js';
import { mergeHttpRoute } from './delegate-merge.js';
import type { RouteEnv } from './http-route.js';
import { virtualServiceConfigPath } from './route-names.js';

/** translateHttpRoute's signature (passed in, so this file and http-route.ts do not import each other). */
export type TranslateHttpRoute = (
  vs: LoadedResource<VirtualService>,
  index: number,
  http: IstioHTTPRoute,
  env: RouteEnv,
) => Route[];

type Path = (string | number)[];

/** `ns/name` of a VirtualService. */
const ref = (vs: LoadedResource<VirtualService>): string => `${vs.namespace ?? 'default'}/${vs.name}`;

/** True when the VirtualService is visible in `namespace` (no exportTo: the mesh default, everywhere). */
function exportedTo(vs: LoadedResource<VirtualService>, namespace: string): boolean {
  const exportTo = vs.object.spec.exportTo ?? [];
  if (exportTo.length === 0) return true;
  return exportTo.some((e) => e === '*' || e === namespace || (e === '.' && vs.namespace === namespace));
}

/** A destination with its host made a FQDN in `namespace` (istiod ResolveVirtualServiceShortnames). */
function resolved(d: Destination, namespace: string, domainSuffix: string): Destination {
  return { ...d, host: resolveShortName(d.host, namespace, domainSuffix) };
}

/** Match gateways resolved to `ns/name` in the VirtualService's own namespace (the root's would differ). */
function resolvedMatches(
  matches: readonly HTTPMatchRequest[] | undefined,
  namespace: string,
): HTTPMatchRequest[] | undefined {
  return matches?.map((m) =>
    m.gateways === undefined
      ? m
      : {
          ...m,
          gateways: m.gateways.map((g) => (g === MESH_GATEWAY_NAME ? g : resolveGatewayName(g, namespace))),
        },
  );
}

/**
 * The root route with what it lends its delegates resolved in the root's namespace: its mirrors' hosts (the
 * delegate route is translated in the delegate's namespace) and its match gateways.
 */
function resolvedRoot(http: IstioHTTPRoute, namespace: string, domainSuffix: string): IstioHTTPRoute {
  const out: IstioHTTPRoute = { ...http };
  const matches = resolvedMatches(http.match, namespace);
  if (matches !== undefined) out.match = matches;
  if (http.mirror !== undefined) out.mirror = resolved(http.mirror, namespace, domainSuffix);
  if (http.mirrors !== undefined)
    out.mirrors = http.mirrors.map((m) => ({
      ...m,
      destination: resolved(m.destination, namespace, domainSuffix),
    }));
  return out;
}

/** The delegate VirtualService a root route names, or undefined after reporting why there is none to use. */
function findDelegate(
  root: LoadedResource<VirtualService>,
  index: number,
  http: IstioHTTPRoute,
  env: RouteEnv,
): LoadedResource<VirtualService> | undefined {
  const rootNs = root.namespace ?? 'default';
  const name = http.delegate?.name ?? '';
  const namespace = http.delegate?.namespace || rootNs;
  const at: Path = ['spec', 'http', index, 'delegate'];
  const found = env.push.registry
    .configsIn(MeshKind.VirtualService, namespace)
    .find((vs) => vs.name === name);
  if (found === undefined) {
    env.sink.about(
      root,
      MessageCode.ReferencedResourceNotFound,
      'Error',
      `Referenced delegate not found: "${namespace}/${name}"`,
      at,
    );
    return undefined;
  }
  if ((found.object.spec.hosts ?? []).length > 0) {
    env.sink.about(
      root,
      MessageCode.DelegateWithHosts,
      'Warning',
      `delegate VirtualService ${ref(found)} has hosts, so it is a root of its own and not a delegate; route http[${index}] of ${ref(root)} is ignored`,
      at,
    );
    return undefined;
  }
  if (!exportedTo(found, rootNs)) {
    env.sink.about(
      root,
      MessageCode.DelegateNotExported,
      'Warning',
      `delegate virtual service ${ref(found)} of ${ref(root)} is not exported to ${rootNs}; route http[${index}] is ignored`,
      at,
    );
    return undefined;
  }
  return found;
}

/**
 * The routes with metadata pointing at the root (istio.config) and, in minimesh's fields, at the delegate too.
 * New objects: the translated routes are not modified (route builders may share them).
 */
function relabel(
  routes: readonly Route[],
  root: LoadedResource<VirtualService>,
  rootIndex: number,
  delegate: LoadedResource<VirtualService>,
): Route[] {
  const rootLine = root.source.locate(['spec', 'http', rootIndex]).line;
  const config = virtualServiceConfigPath(root.namespace ?? 'default', root.name);
  return routes.map((r) => {
    const fm = r.metadata?.filter_metadata ?? {};
    const mm = fm.minimesh?.fields ?? {};
    const out: Route = {
      ...r,
      metadata: {
        ...r.metadata,
        filter_metadata: {
          ...fm,
          istio: { ...fm.istio, fields: { ...fm.istio?.fields, config: { stringValue: config } } },
          minimesh: {
            ...fm.minimesh,
            fields: {
              file: { stringValue: root.source.file },
              line: { numberValue: rootLine },
              http: { numberValue: rootIndex },
              delegate: { stringValue: ref(delegate) },
              ...(mm.file === undefined ? {} : { delegate_file: mm.file }),
              ...(mm.line === undefined ? {} : { delegate_line: mm.line }),
              ...(mm.http === undefined ? {} : { delegate_http: mm.http }),
            },
          },
        },
      },
    };
    // Without a single cluster the decorator names the VirtualService: the merged one is the root.
    const op = r.decorator?.operation;
    if (r.decorator != null && op != null && r.route?.cluster == null && op.startsWith(`${delegate.name}:`))
      out.decorator = { ...r.decorator, operation: `${root.name}${op.slice(delegate.name.length)}` };
    return out;
  });
}

/**
 * The Envoy routes of a root route with `delegate`: the delegate's HTTP routes, each merged under the root route
 * and translated in the delegate's namespace. None (with a message) when the delegate cannot be used.
 */
export function translateDelegate(
  root: LoadedResource<VirtualService>,
  index: number,
  http: IstioHTTPRoute,
  env: RouteEnv,
  translate: TranslateHttpRoute,
): Route[] {
  const delegate = findDelegate(root, index, http, env);
  if (delegate === undefined) return [];
  const domainSuffix = env.push.mesh.domainSuffix;
  const rootRoute = resolvedRoot(http, root.namespace ?? 'default', domainSuffix);
  const delegateNs = delegate.namespace ?? 'default';
  const out: Route[] = [];
  (delegate.object.spec.http ?? []).forEach((leaf, j) => {
    const matches = resolvedMatches(leaf.match, delegateNs);
    const merged = mergeHttpRoute(rootRoute, matches === undefined ? leaf : { ...leaf, match: matches });
    if (merged === undefined) {
      env.sink.about(
        delegate,
        MessageCode.DelegateMatchConflict,
        'Warning',
        `the matches of route http[${j}] conflict with those of route http[${index}] of root VirtualService ${ref(root)}; the route is dropped there`,
        ['spec', 'http', j, 'match'],
      );
      return;
    }
    out.push(...relabel(translate(delegate, j, merged, env), root, index, delegate));
  });
  return out;
}
