// What gRPC honours of a sidecar route (gRFC A28 routing, A31 timeouts, A33 fault injection, A42 ring hash, A44
// retries), applied to the routes istiod's sidecar builder makes. istiod 1.30 sends them to gRPC unchanged except for
// timeouts; here whatever gRPC would NACK is left out and reported instead, so one bad VirtualService route does not
// make the client reject the whole route configuration:
// - redirect and direct_response actions: NACKed by gRPC ("unsupported action"): the route is dropped;
// - typed_per_filter_config of filters gRPC lacks (CORS): NACKed: the override is dropped (fault is kept);
// - query_parameters matches: gRPC ignores such routes (A28): the route is dropped rather than matching more;
// - weighted_clusters whose weights sum to 0: NACKed: the route is dropped;
// - mirrors: gRPC has no mirroring: the policies are dropped.
// What gRPC reads but ignores (rewrites, header edits, cookie/source-IP hash policies) is kept, as istiod keeps it,
// with a warning that it has no effect.
import type { LoadedResource, Route, RouteAction, VirtualService } from '@minimesh/model';
import type { MessageSink } from '../messages.js';
import { CORS_FILTER, FAULT_FILTER } from '../route/route-names.js';

/** Code of the messages about VirtualService features proxyless gRPC does not have. */
export const GRPC_UNSUPPORTED = 'MM_GRPC_UNSUPPORTED';

type Value = { stringValue?: string; numberValue?: number } | undefined;
type Fields = Record<string, Value> | undefined;

/** The VirtualService a route came from (namespace, name, HTTP route index), from the route builder's metadata. */
export function routeSource(route: Route): { namespace: string; name: string; http: number } | undefined {
  const fm = route.metadata?.filter_metadata as Record<string, { fields?: Fields }> | undefined;
  const config = fm?.istio?.fields?.config?.stringValue;
  const at = /\/namespaces\/([^/]+)\/virtual-service\/([^/]+)$/.exec(config ?? '');
  if (at === null || at[1] === undefined || at[2] === undefined) return undefined;
  return { namespace: at[1], name: at[2], http: fm?.minimesh?.fields?.http?.numberValue ?? 0 };
}

/** Finds a VirtualService by namespace and name, to place messages at its fields. */
export type VirtualServiceLookup = (
  namespace: string,
  name: string,
) => LoadedResource<VirtualService> | undefined;

/** Reports `message` about `route`, at `field` of its VirtualService HTTP route when the lookup finds it. */
function report(
  sink: MessageSink,
  lookup: VirtualServiceLookup,
  route: Route,
  message: string,
  field: string[] = [],
): void {
  const src = routeSource(route);
  const name = route.name === undefined ? '' : ` "${route.name}"`;
  const text = `proxyless gRPC: route${name} ${message}`;
  const vs = src === undefined ? undefined : lookup(src.namespace, src.name);
  if (vs !== undefined && src !== undefined)
    sink.about(vs, GRPC_UNSUPPORTED, 'Warning', text, ['spec', 'http', src.http, ...field]);
  else
    sink.add({
      code: GRPC_UNSUPPORTED,
      severity: 'Warning',
      message: text,
      ...(src === undefined ? {} : { resource: `VirtualService ${src.namespace}/${src.name}` }),
    });
}

/** True when the route's VirtualService HTTP route sets `field`. */
function routeHas(lookup: VirtualServiceLookup, route: Route, field: string): boolean {
  const src = routeSource(route);
  const vs = src === undefined ? undefined : lookup(src.namespace, src.name);
  const http = vs?.object.spec.http?.[src?.http ?? 0] as Record<string, unknown> | undefined;
  return http?.[field] !== undefined;
}

/**
 * istiod's setTimeout for a proxyless node: the VirtualService timeout (0s: none) goes to
 * max_stream_duration.max_stream_duration, which gRPC reads (A31), instead of max_grpc_timeout. istiod's default
 * route (no VirtualService) is built without the node and keeps max_grpc_timeout; so do we.
 */
function grpcTimeout(action: RouteAction): RouteAction {
  const { max_grpc_timeout: _dropped, ...rest } = action;
  const timeout = action.timeout ?? { seconds: '0' };
  return { ...rest, timeout, max_stream_duration: { max_stream_duration: timeout } };
}

function ignoredParts(route: Route, action: RouteAction): string[] {
  const out: string[] = [];
  if (action.prefix_rewrite !== undefined || action.regex_rewrite !== undefined) out.push('path rewrites');
  if (action.host_rewrite_literal !== undefined) out.push('authority rewrites');
  const headerEdits =
    (route.request_headers_to_add ?? []).length +
    (route.request_headers_to_remove ?? []).length +
    (route.response_headers_to_add ?? []).length +
    (route.response_headers_to_remove ?? []).length +
    (action.weighted_clusters?.clusters ?? []).filter(
      (c) => (c.request_headers_to_add ?? []).length + (c.response_headers_to_add ?? []).length > 0,
    ).length;
  if (headerEdits > 0) out.push('header edits');
  const hashes = action.hash_policy ?? [];
  if (hashes.some((h) => h.header === undefined && h.filter_state === undefined))
    out.push('cookie, source IP and query parameter hash policies (gRPC hashes on headers only)');
  return out;
}

/**
 * The route as gRPC can take it, or undefined when gRPC would NACK or ignore it; every change is reported to `sink`
 * at the route's VirtualService.
 */
export function grpcRoute(
  route: Route,
  sink: MessageSink,
  lookup: VirtualServiceLookup = () => undefined,
): Route | undefined {
  if (route.redirect != null || route.direct_response != null) {
    report(sink, lookup, route, 'is left out: gRPC rejects redirect and directResponse routes (NACK)', [
      route.redirect != null ? 'redirect' : 'directResponse',
    ]);
    return undefined;
  }
  if ((route.match?.query_parameters ?? []).length > 0) {
    report(sink, lookup, route, 'is left out: gRPC ignores routes that match query parameters', ['match']);
    return undefined;
  }
  const action = route.route;
  if (action == null) return route;
  const weighted = action.weighted_clusters?.clusters;
  if (weighted !== undefined && weighted.reduce((s, c) => s + (c.weight?.value ?? 0), 0) === 0) {
    report(sink, lookup, route, 'is left out: its destination weights sum to 0, which gRPC rejects (NACK)', [
      'route',
    ]);
    return undefined;
  }
  const out: Route = { ...route };
  const fromVirtualService = routeSource(route) !== undefined;
  let next: RouteAction = fromVirtualService ? grpcTimeout(action) : { ...action };
  if ((next.request_mirror_policies ?? []).length > 0) {
    const { request_mirror_policies: _mirrors, ...rest } = next;
    next = rest;
    report(sink, lookup, route, 'mirror is left out: gRPC has no traffic mirroring', [
      routeHas(lookup, route, 'mirror') ? 'mirror' : 'mirrors',
    ]);
  }
  const perFilter = route.typed_per_filter_config;
  if (perFilter !== undefined) {
    const kept = Object.fromEntries(Object.entries(perFilter).filter(([k]) => k === FAULT_FILTER));
    for (const k of Object.keys(perFilter).sort())
      if (k !== FAULT_FILTER)
        report(
          sink,
          lookup,
          route,
          `${k} is left out: gRPC has no such filter and rejects its config (NACK)`,
          [k === CORS_FILTER ? 'corsPolicy' : ''].filter((f) => f !== ''),
        );
    if (Object.keys(kept).length > 0) out.typed_per_filter_config = kept;
    else delete out.typed_per_filter_config;
  }
  const ignored = ignoredParts(route, next);
  if (ignored.length > 0) report(sink, lookup, route, `has ${ignored.join(', ')}, which gRPC ignores`);
  out.route = next;
  return out;
}
