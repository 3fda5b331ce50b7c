// VirtualService routes: HTTPRoute, TLSRoute, TCPRoute and their weighted destinations, with Istio's rules
// (validateHTTPRoute, validateHTTPRouteConflict, validateHTTPRouteDestinations, validateRouteDestinations).
// Rules that need the whole VirtualService (SNI hosts, JWT claim matches, delegates) live in virtual-service.ts.
import { z } from 'zod';
import { exactlyOne, percent } from '../common.js';
import { authorityHeaderValues, headers } from './headers.js';
import {
  corsPolicy,
  delegate,
  httpDirectResponse,
  httpFaultInjection,
  httpMirrorPolicy,
  httpRedirect,
  httpRetry,
  httpRewrite,
} from './http-policies.js';
import { destination, forbid, msDuration, nonEmpty, uint32, whenParsed } from './networking-common.js';
import { httpMatchRequest, l4MatchAttributes, tlsMatchAttributes } from './route-match.js';

/**
 * A destination's weight: relative, `weight / sum of weights` of the traffic; not negative. Istio dropped the
 * old "weights sum to 100" rule: today the only rule on the sum is that it is above 0 when a route has more
 * than one destination (an error, "total destination weight = 0"). One destination gets all traffic.
 */
const weight = z
  .number()
  .int({ message: 'expected a whole number' })
  .min(0, { message: 'expected a weight that is not negative' })
  .max(2147483647, { message: 'expected a weight of at most 2147483647' });

function checkTotalWeight(
  ctx: z.RefinementCtx,
  routes: readonly { weight?: number | undefined }[] | undefined,
  path: (string | number)[],
): void {
  if (routes === undefined || routes.length < 2) return;
  const total = routes.reduce((sum, r) => sum + (r.weight ?? 0), 0);
  if (total === 0)
    ctx.addIssue({
      code: 'custom',
      path,
      message: 'expected route weights to add up to more than 0 when there are several destinations, got 0',
    });
}

/** HTTPRouteDestination: a destination, its weight, and header operations for traffic sent there. */
export const httpRouteDestination = z.strictObject({
  destination,
  weight: weight.optional(),
  headers: headers.optional(),
});
export type HTTPRouteDestination = z.infer<typeof httpRouteDestination>;

/** RouteDestination (TLS and TCP routes): a destination and its weight. */
export const routeDestination = z.strictObject({ destination, weight: weight.optional() });
export type RouteDestination = z.infer<typeof routeDestination>;

/** mirror_percent / mirrorPercent: deprecated whole percentage of requests mirrored, 0-100. */
const mirrorPercentInt = uint32
  .max(100, { message: 'expected a mirror percentage from 0 to 100' })
  .nullable()
  .optional();

const httpRouteShape = z.strictObject({
  name: z.string().optional(),
  match: z.array(httpMatchRequest).optional(),
  route: z.array(httpRouteDestination).optional(),
  redirect: httpRedirect.optional(),
  directResponse: httpDirectResponse.optional(),
  delegate: delegate.optional(),
  rewrite: httpRewrite.optional(),
  /** Request timeout, at least 1ms; unset means no timeout. */
  timeout: msDuration.optional(),
  retries: httpRetry.optional(),
  fault: httpFaultInjection.optional(),
  /** Deprecated single mirror; use mirrors. Not together with mirrors. */
  mirror: destination.optional(),
  mirrors: z.array(httpMirrorPolicy).optional(),
  mirror_percent: mirrorPercentInt,
  mirrorPercent: mirrorPercentInt,
  mirrorPercentage: percent.optional(),
  corsPolicy: corsPolicy.optional(),
  headers: headers.optional(),
});

/** HTTPRoute: match conditions and one action: route, redirect, directResponse or delegate. */
export const httpRoute = httpRouteShape.superRefine(
  (r, ctx) => {
    // The action is a oneof in effect: Istio rejects any two of them together, and a route with none.
    const actions = {
      route: nonEmpty(r.route) ? r.route : undefined,
      redirect: r.redirect,
      directResponse: r.directResponse,
      delegate: r.delegate,
    };
    exactlyOne(ctx, actions, ['route', 'redirect', 'directResponse', 'delegate']);
    const terminal =
      r.redirect !== undefined ? 'redirect' : r.directResponse !== undefined ? 'directResponse' : '';
    if (terminal !== '') {
      forbid(ctx, r.fault, ['fault'], `expected no fault on a route with ${terminal}`);
      forbid(ctx, r.rewrite, ['rewrite'], `expected no rewrite on a route with ${terminal}`);
    }
    if (r.mirror !== undefined && nonEmpty(r.mirrors))
      ctx.addIssue({
        code: 'custom',
        path: ['mirrors'],
        message: 'expected only one of mirror and mirrors, got both',
      });
    if (r.redirect?.prefixRewrite) {
      (r.match ?? []).forEach((m, i) => {
        if (m.uri !== undefined && m.uri.prefix === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['match', i, 'uri'],
            message:
              'expected a prefix URI match: redirect.prefixRewrite needs every URI match to be a prefix',
          });
      });
    }
    // The authority may be rewritten in one place only: rewrite.authority or one :authority/host header.
    const authorities = [
      ...(r.rewrite?.authority ? [r.rewrite.authority] : []),
      ...authorityHeaderValues(r.headers),
    ];
    if (authorities.length > 1)
      ctx.addIssue({
        code: 'custom',
        path: ['headers', 'request'],
        message: `expected the authority to be rewritten once, got ${authorities.map((a) => JSON.stringify(a)).join(' and ')}`,
      });
    checkTotalWeight(ctx, r.route, ['route']);
  },
  whenParsed('route', 'redirect', 'match', 'rewrite', 'headers', 'mirrors'),
);
export type HTTPRoute = z.infer<typeof httpRoute>;

/** TLSRoute: route TLS connections by SNI without terminating them. */
export const tlsRoute = z
  .strictObject({
    match: z.array(tlsMatchAttributes).min(1, { message: 'expected at least one TLS match' }),
    route: z.array(routeDestination).min(1, { message: 'expected at least one route destination' }),
  })
  .superRefine((r, ctx) => {
    checkTotalWeight(ctx, r.route, ['route']);
  }, whenParsed('route'));
export type TLSRoute = z.infer<typeof tlsRoute>;

/** TCPRoute: route opaque TCP connections. */
export const tcpRoute = z
  .strictObject({
    match: z.array(l4MatchAttributes).optional(),
    route: z.array(routeDestination).min(1, { message: 'expected at least one route destination' }),
  })
  .superRefine((r, ctx) => {
    checkTotalWeight(ctx, r.route, ['route']);
  }, whenParsed('route'));
export type TCPRoute = z.infer<typeof tcpRoute>;
