// The HTTP filter plugins by config type URL, for the connection manager (filter configs) and route tables
// (per-route configs). A filter whose type is not here is NACKed unless the HttpFilter is marked is_optional.
import type { RouterDeps } from '../forward.js';
import { bufferPlugin } from './buffer.js';
import { corsPlugin } from './cors.js';
import { faultPlugin } from './fault.js';
import { grpcStatsPlugin } from './grpc-stats.js';
import type { HttpFilterPlugin } from './http-filter.js';
import { routerPlugin } from './router.js';

export interface FilterRegistry {
  /** By the type URL of HttpFilter.typed_config. */
  readonly byType: ReadonlyMap<string, HttpFilterPlugin>;
  /** By the type URL of a typed_per_filter_config value. */
  readonly perRoute: ReadonlyMap<string, HttpFilterPlugin>;
}

export function createFilterRegistry(deps: RouterDeps): FilterRegistry {
  const plugins = [faultPlugin, corsPlugin, bufferPlugin, grpcStatsPlugin(deps.stats), routerPlugin(deps)];
  const byType = new Map<string, HttpFilterPlugin>();
  const perRoute = new Map<string, HttpFilterPlugin>();
  for (const p of plugins) {
    for (const t of p.typeUrls) byType.set(t, p);
    for (const t of p.perRouteTypeUrls) perRoute.set(t, p);
  }
  return { byType, perRoute };
}
