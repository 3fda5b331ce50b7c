// envoy.filters.http.router: the terminal filter. Routing itself (virtual host, route, cluster choice) happens in
// the connection manager before the filters run, as Envoy caches the route on first access; this filter answers
// redirects and direct responses and forwards RouteActions (forward.ts).

import type { Router } from '@minimesh/model/xds';
import { TypeUrl } from '@minimesh/model/xds';
import { ConfigRejectedError } from '../../errors.js';
import { forward, type RouterDeps } from '../forward.js';
import type { HttpStream } from '../http-stream.js';
import { directResponse, redirect } from '../non-forwarding.js';
import type { FilterStatus, HttpFilter, HttpFilterPlugin } from './http-filter.js';

class RouterFilter implements HttpFilter {
  constructor(
    readonly name: string,
    private readonly deps: RouterDeps,
  ) {}

  /**
   * Synchronous: the router is the last filter, so nothing waits for the forwarding, which answers its own errors
   * (forward never rejects); no promise or continuation per request here.
   */
  decode(stream: HttpStream): FilterStatus {
    const route = stream.route?.route;
    if (route?.redirect !== undefined && route.redirect !== null) redirect(stream, route.redirect);
    else if (route?.direct_response !== undefined && route.direct_response !== null) {
      directResponse(stream, route.direct_response);
    } else void forward(stream, this.deps);
    return 'stop';
  }
}

export function routerPlugin(deps: RouterDeps): HttpFilterPlugin {
  return {
    typeUrls: [TypeUrl.ROUTER],
    perRouteTypeUrls: [],
    terminal: true,
    create: (name, config, owner) => {
      const r = config as Router;
      if (r.upstream_http_filters !== undefined && r.upstream_http_filters.length > 0) {
        throw new ConfigRejectedError('Router', owner, 'upstream_http_filters are not supported');
      }
      return new RouterFilter(name, deps);
    },
  };
}
