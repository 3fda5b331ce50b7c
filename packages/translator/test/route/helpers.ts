// Test helpers: send a request through generated route configs with the model's routeRequest, and check that every
// generated resource passes the strict codec.
import {
  encode,
  type HttpRequest,
  type RouteConfiguration,
  type RouteRequestResult,
  routeRequest,
} from '@minimesh/model';
import { expect } from 'vitest';

export interface Sent {
  /** The cluster the request lands on, `direct:<status>`, `redirect`, or `none` (no route: 404). */
  readonly outcome: string;
  readonly result: RouteRequestResult;
}

/** Routes `req` through the config named `name` (default: the only one), as Envoy would. */
export function send(
  configs: readonly RouteConfiguration[],
  name: string,
  req: Partial<HttpRequest> & { authority: string },
  random = 0,
): Sent {
  const rc = configs.find((c) => c.name === name);
  if (rc === undefined)
    throw new Error(`no route config ${name} in ${configs.map((c) => c.name).join(', ')}`);
  const result = routeRequest(
    rc,
    { path: '/', method: 'GET', headers: {}, ...req },
    { random, explain: true },
  );
  const m = result.matched;
  const outcome =
    m === undefined
      ? 'none'
      : m.direct_response
        ? `direct:${m.direct_response.status}`
        : m.redirect
          ? 'redirect'
          : (result.cluster?.name ?? 'none');
  return { outcome, result };
}

export function expectEncodable(configs: readonly RouteConfiguration[]): void {
  for (const rc of configs)
    expect(() => encode('envoy.config.route.v3.RouteConfiguration', rc)).not.toThrow();
}
