// VirtualService (networking.istio.io): how requests to a set of hosts are routed. Every field of Istio's API
// is typed; the rules that need the whole object (ValidateVirtualService in istio/istio) are checked here:
// hosts, the mesh gateway and `*`, duplicate hosts, SNI hosts, delegates, JWT claim matches, exportTo.
import { z } from 'zod';
import { resourceEnvelope } from '../common.js';
import { defineKind } from '../kind-definition.js';
import { isJwtClaimHeader } from './headers.js';
import { hostSubsetOf, hostsOverlap, isIpAddress, wildcardDomainProblem } from './names.js';
import {
  checkExportTo,
  gatewayNames,
  NETWORKING_GROUP,
  NETWORKING_VERSIONS,
  nonEmpty,
  whenParsed,
} from './networking-common.js';
import { type HTTPRoute, httpRoute, tcpRoute, tlsRoute } from './routes.js';

/** The reserved gateway name of all sidecars in the mesh. */
export const MESH_GATEWAY = 'mesh';

/**
 * A host of a VirtualService bound to gateways; with TLS SNI routing Istio also accepts its generated SNI
 * names `outbound_.<port>_._.<hostname>` (AUTO_PASSTHROUGH gateways).
 */
function gatewayHostProblem(host: string, sni: boolean): string | undefined {
  if (sni && host.startsWith('outbound_')) {
    const parts = host.split('_');
    const port = (parts[1] ?? '').replace(/^\.+|\.+$/g, '');
    const name = (parts[3] ?? '').replace(/^\.+|\.+$/g, '');
    if (parts.length < 4 || parts[0] !== 'outbound' || !/[0-9]/.test(port) || !/[a-zA-Z]/.test(name))
      return 'it is not of the form outbound_.<port>_._.<hostname>';
    return undefined;
  }
  return wildcardDomainProblem(host);
}

const virtualServiceSpecShape = z.strictObject({
  /** Hosts the routes apply to: names, `*.suffix` wildcards, IPs; empty only for a delegate VirtualService. */
  hosts: z.array(z.string()).optional(),
  /** Gateways (`ns/name`) and/or `mesh` (all sidecars, the default when empty). */
  gateways: gatewayNames.optional(),
  http: z.array(httpRoute).optional(),
  tls: z.array(tlsRoute).optional(),
  tcp: z.array(tcpRoute).optional(),
  /** Namespaces that see this VirtualService: `.`, `*` or names. */
  exportTo: z.array(z.string()).optional(),
});

function checkJwtClaimMatches(ctx: z.RefinementCtx, http: readonly HTTPRoute[]): void {
  http.forEach((route, i) => {
    (route.match ?? []).forEach((m, j) => {
      for (const field of ['headers', 'withoutHeaders'] as const) {
        for (const name of Object.keys(m[field] ?? {})) {
          if (isJwtClaimHeader(name))
            ctx.addIssue({
              code: 'custom',
              path: ['http', i, 'match', j, field, name],
              message:
                'expected a header name: JWT claim routing (@request.auth.claims) works only on gateways',
            });
        }
      }
    });
  });
}

export const virtualServiceSpec = virtualServiceSpecShape.superRefine(
  (vs, ctx) => {
    const hosts = vs.hosts ?? [];
    const gateways = vs.gateways ?? [];
    const http = vs.http ?? [];
    const isDelegate = hosts.length === 0;
    if (isDelegate) {
      if (gateways.length > 0)
        ctx.addIssue({
          code: 'custom',
          path: ['gateways'],
          message: 'expected no gateways on a delegate VirtualService (one without hosts)',
        });
      if (nonEmpty(vs.tls))
        ctx.addIssue({
          code: 'custom',
          path: ['tls'],
          message: 'expected no tls routes on a delegate VirtualService (one without hosts)',
        });
      if (nonEmpty(vs.tcp))
        ctx.addIssue({
          code: 'custom',
          path: ['tcp'],
          message: 'expected no tcp routes on a delegate VirtualService (one without hosts)',
        });
      http.forEach((route, i) => {
        if (route.delegate !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['http', i, 'delegate'],
            message: 'expected no delegate in a delegate VirtualService',
          });
      });
    }
    const toGateway = gateways.length > 0 && !gateways.includes(MESH_GATEWAY);
    if (!toGateway) checkJwtClaimMatches(ctx, http);

    const sni = (vs.tls ?? []).some((t) => t.match.some((m) => m.sniHosts.length > 0));
    let hostsValid = true;
    hosts.forEach((host, i) => {
      const problem = toGateway ? gatewayHostProblem(host, sni) : wildcardDomainProblem(host);
      if (problem !== undefined && !isIpAddress(host)) {
        hostsValid = false;
        ctx.addIssue({
          code: 'custom',
          path: ['hosts', i],
          message: `expected a hostname ("reviews", "bookinfo.com", "*.example.com") or IP: ${problem}, got ${JSON.stringify(host)}`,
        });
      } else if (!toGateway && host === '*') {
        hostsValid = false;
        ctx.addIssue({
          code: 'custom',
          path: ['hosts', i],
          message:
            'expected a hostname other than "*": the wildcard host is only allowed on gateways, not the mesh',
        });
      }
    });
    if (hostsValid) {
      for (let i = 0; i < hosts.length; i++)
        for (let j = i + 1; j < hosts.length; j++)
          if (hostsOverlap(hosts[i] ?? '', hosts[j] ?? ''))
            ctx.addIssue({
              code: 'custom',
              path: ['hosts', j],
              message: `expected hosts that do not overlap, "${hosts[j]}" overlaps "${hosts[i]}"`,
            });
    }
    if (!nonEmpty(vs.http) && !nonEmpty(vs.tcp) && !nonEmpty(vs.tls))
      ctx.addIssue({ code: 'custom', message: 'expected at least one http, tls or tcp route' });

    (vs.tls ?? []).forEach((route, i) => {
      route.match.forEach((m, j) => {
        m.sniHosts.forEach((sniHost, k) => {
          const path = ['tls', i, 'match', j, 'sniHosts', k];
          const problem = toGateway ? gatewayHostProblem(sniHost, true) : wildcardDomainProblem(sniHost);
          if (problem !== undefined) {
            // an IP goes against the SNI spec, but Istio only warns about it
            if (!isIpAddress(sniHost))
              ctx.addIssue({
                code: 'custom',
                path,
                message: `expected an SNI hostname: ${problem}, got ${JSON.stringify(sniHost)}`,
              });
          } else if (!hosts.some((h) => hostSubsetOf(sniHost, h)))
            ctx.addIssue({
              code: 'custom',
              path,
              message: `expected an SNI host within the VirtualService hosts [${hosts.join(', ')}], got "${sniHost}"`,
            });
        });
      });
    });
  },
  whenParsed('hosts', 'gateways', 'http', 'tls', 'tcp'),
);
export type VirtualServiceSpec = z.infer<typeof virtualServiceSpec>;

export const virtualServiceSchema = resourceEnvelope(virtualServiceSpec).superRefine((vs, ctx) =>
  checkExportTo(ctx, vs.spec.exportTo, { namespace: vs.metadata.namespace, path: ['spec', 'exportTo'] }),
);
export type VirtualService = z.infer<typeof virtualServiceSchema>;

export const virtualServiceKind = defineKind({
  group: NETWORKING_GROUP,
  kind: 'VirtualService',
  versions: NETWORKING_VERSIONS,
  namespaced: true,
  schema: virtualServiceSchema,
});
