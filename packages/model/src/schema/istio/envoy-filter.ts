// EnvoyFilter (networking.istio.io/v1alpha3 only): patches to the Envoy configuration Istio generates. Istio's
// rules (pkg/config/validation/envoyfilter): applyTo, patch and operation are required, a value unless the
// operation is REMOVE, an RE2 proxyVersion, and the match must fit the object class applyTo names.
import { z } from 'zod';
import { exactlyOne, resourceEnvelope, stringMap } from '../common.js';
import { defineKind } from '../kind-definition.js';
import { labelsSelector, NETWORKING_GROUP, uint32, whenParsed } from './networking-common.js';
import { regexProblem } from './route-match.js';

const subFilterMatch = z.strictObject({ name: z.string().optional() });
const filterMatch = z.strictObject({ name: z.string().optional(), subFilter: subFilterMatch.optional() });

/** ListenerMatch: a listener by port or name, then optionally a filter chain and a filter in it. */
export const listenerMatch = z.strictObject({
  portNumber: uint32.optional(),
  portName: z.string().optional(),
  filterChain: z
    .strictObject({
      name: z.string().optional(),
      sni: z.string().optional(),
      /** "raw_buffer" or "tls". */
      transportProtocol: z.string().optional(),
      /** Comma-separated ALPN values ("h2,http/1.1"). */
      applicationProtocols: z.string().optional(),
      filter: filterMatch.optional(),
      destinationPort: uint32.optional(),
      transportSocket: z.string().optional(),
    })
    .optional(),
  listenerFilter: z.string().optional(),
  name: z.string().optional(),
});

/** RouteConfigurationMatch: a route configuration, a virtual host in it, a route in that. */
export const routeConfigurationMatch = z.strictObject({
  portNumber: uint32.optional(),
  portName: z.string().optional(),
  /** `namespace/name` of a Gateway (gateway context only). */
  gateway: z.string().optional(),
  vhost: z
    .strictObject({
      name: z.string().optional(),
      domainName: z.string().optional(),
      route: z
        .strictObject({
          name: z.string().optional(),
          action: z.enum(['ANY', 'ROUTE', 'REDIRECT', 'DIRECT_RESPONSE']).optional(),
        })
        .optional(),
    })
    .optional(),
  name: z.string().optional(),
});

/** ClusterMatch: a cluster by port, service host, subset or name. */
export const clusterMatch = z.strictObject({
  portNumber: uint32.optional(),
  service: z.string().optional(),
  subset: z.string().optional(),
  name: z.string().optional(),
});

/** WaypointMatch: a waypoint's port, route or filter (context WAYPOINT only). */
export const waypointMatch = z.strictObject({
  portNumber: uint32
    .min(1, { message: 'expected a port number from 1 to 65535' })
    .max(65535, { message: 'expected a port number from 1 to 65535' })
    .optional(),
  route: z.strictObject({ name: z.string().optional() }).optional(),
  filter: filterMatch.optional(),
});

/** EnvoyConfigObjectMatch: the context, the proxy, and one object type to patch. */
export const envoyConfigObjectMatch = z
  .strictObject({
    context: z.enum(['ANY', 'SIDECAR_INBOUND', 'SIDECAR_OUTBOUND', 'GATEWAY', 'WAYPOINT']).optional(),
    proxy: z
      .strictObject({
        /** RE2 regex on the proxy version ("^1\\.2[0-9].*"). */
        proxyVersion: z.string().optional(),
        metadata: stringMap.optional(),
      })
      .optional(),
    listener: listenerMatch.optional(),
    routeConfiguration: routeConfigurationMatch.optional(),
    cluster: clusterMatch.optional(),
    waypoint: waypointMatch.optional(),
  })
  .superRefine(
    (m, ctx) => {
      exactlyOne(ctx, m, ['listener', 'routeConfiguration', 'cluster', 'waypoint'], { atMostOne: true });
      if (m.waypoint !== undefined && m.context !== 'WAYPOINT')
        ctx.addIssue({
          code: 'custom',
          path: ['waypoint'],
          message: 'expected a waypoint match only with context WAYPOINT',
        });
      const version = m.proxy?.proxyVersion;
      // Istio ignores (and only warns about) versions longer than 1024 characters.
      if (version && version.length <= 1024) {
        const problem = regexProblem(version);
        if (problem !== undefined)
          ctx.addIssue({ code: 'custom', path: ['proxy', 'proxyVersion'], message: problem });
      }
    },
    whenParsed('context', 'proxy'),
  );

const OPERATIONS = [
  'INVALID',
  'MERGE',
  'ADD',
  'REMOVE',
  'INSERT_BEFORE',
  'INSERT_AFTER',
  'INSERT_FIRST',
  'REPLACE',
  'MERGE_AND_REPLACE_LIST',
] as const;

/** Patch: the operation and the value (an Envoy config fragment, free form) it applies. */
export const patch = z.strictObject({
  operation: z.enum(OPERATIONS).optional(),
  value: z.record(z.string(), z.unknown()).optional(),
  filterClass: z.enum(['UNSPECIFIED', 'AUTHN', 'AUTHZ', 'STATS']).optional(),
});

const APPLY_TO = [
  'INVALID',
  'LISTENER',
  'FILTER_CHAIN',
  'NETWORK_FILTER',
  'HTTP_FILTER',
  'ROUTE_CONFIGURATION',
  'VIRTUAL_HOST',
  'HTTP_ROUTE',
  'CLUSTER',
  'EXTENSION_CONFIG',
  'BOOTSTRAP',
  'LISTENER_FILTER',
] as const;

const HCM_NAMES = new Set(['envoy.filters.network.http_connection_manager', 'envoy.http_connection_manager']);

/** EnvoyConfigObjectPatch: what to patch (applyTo + match) and how (patch). */
export const envoyConfigObjectPatch = z
  .strictObject({
    applyTo: z.enum(APPLY_TO).optional(),
    match: envoyConfigObjectMatch.optional(),
    patch: patch.optional(),
  })
  .superRefine(
    (cp, ctx) => {
      const issue = (path: (string | number)[], message: string) =>
        ctx.addIssue({ code: 'custom', path, message });
      const match = cp.match;
      // Istio does not validate waypoint patches yet.
      if (match?.context === 'WAYPOINT') return;
      if (cp.applyTo === undefined || cp.applyTo === 'INVALID')
        issue(['applyTo'], 'expected applyTo (the kind of object to patch)');
      if (cp.patch === undefined) issue(['patch'], 'expected a patch');
      else if (cp.patch.operation === undefined || cp.patch.operation === 'INVALID')
        issue(['patch', 'operation'], 'expected a patch operation');
      else if (cp.patch.operation !== 'REMOVE' && cp.patch.value === undefined)
        issue(
          ['patch', 'value'],
          `expected a patch value for operation ${cp.patch.operation} (only REMOVE has none)`,
        );
      const objectType = match?.listener ?? match?.routeConfiguration ?? match?.cluster ?? match?.waypoint;
      if (match === undefined || objectType === undefined) return;
      switch (cp.applyTo) {
        case 'LISTENER':
        case 'FILTER_CHAIN':
        case 'NETWORK_FILTER':
        case 'HTTP_FILTER': {
          if (match.listener === undefined) {
            issue(['match'], `expected a listener match for applyTo ${cp.applyTo}`);
            break;
          }
          const filter = match.listener.filterChain?.filter;
          if (filter === undefined) break;
          const at = ['match', 'listener', 'filterChain', 'filter'];
          if (!filter.name) issue([...at, 'name'], 'expected the name of the filter to match');
          else if (filter.subFilter !== undefined) {
            if (cp.applyTo !== 'HTTP_FILTER')
              issue([...at, 'subFilter'], 'expected a subFilter match only with applyTo HTTP_FILTER');
            else if (!HCM_NAMES.has(filter.name))
              issue(
                [...at, 'name'],
                'expected filter name envoy.filters.network.http_connection_manager with a subFilter match',
              );
            else if (!filter.subFilter.name)
              issue([...at, 'subFilter', 'name'], 'expected the name of the HTTP filter to match');
          }
          break;
        }
        case 'ROUTE_CONFIGURATION':
        case 'VIRTUAL_HOST':
        case 'HTTP_ROUTE':
          if (match.routeConfiguration === undefined)
            issue(['match'], `expected a routeConfiguration match for applyTo ${cp.applyTo}`);
          break;
        case 'CLUSTER':
          if (match.cluster === undefined) issue(['match'], 'expected a cluster match for applyTo CLUSTER');
          break;
      }
    },
    whenParsed('applyTo', 'match', 'patch'),
  );
export type EnvoyConfigObjectPatch = z.infer<typeof envoyConfigObjectPatch>;

/** A policy target (Gateway API style); cross-namespace references are not supported. */
export const envoyFilterTargetRef = z.strictObject({
  group: z
    .string()
    .max(253, { message: 'expected at most 253 characters' })
    .regex(/^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/, {
      message: 'expected an API group name',
    })
    .optional(),
  kind: z
    .string()
    .min(1, { message: 'expected a kind' })
    .max(63, { message: 'expected at most 63 characters' })
    .regex(/^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/, { message: 'expected a kind name' }),
  name: z
    .string()
    .min(1, { message: 'expected a name' })
    .max(253, { message: 'expected at most 253 characters' }),
  namespace: z
    .string()
    .max(0, { message: 'expected no namespace: cross-namespace references are not supported' })
    .optional(),
});

const envoyFilterSpecShape = z.strictObject({
  workloadSelector: labelsSelector.optional(),
  targetRefs: z.array(envoyFilterTargetRef).max(16, { message: 'expected at most 16 targetRefs' }).optional(),
  configPatches: z.array(envoyConfigObjectPatch).optional(),
  /** Order among EnvoyFilters of a context: lower first; negative before the defaults. */
  priority: z.number().int({ message: 'expected a whole number' }).optional(),
});

export const envoyFilterSpec = envoyFilterSpecShape.superRefine((f, ctx) => {
  if (f.workloadSelector !== undefined && f.targetRefs !== undefined)
    ctx.addIssue({
      code: 'custom',
      message: 'expected only one of workloadSelector and targetRefs, got both',
    });
}, whenParsed());
export type EnvoyFilterSpec = z.infer<typeof envoyFilterSpec>;

export const envoyFilterSchema = resourceEnvelope(envoyFilterSpec);
export type EnvoyFilter = z.infer<typeof envoyFilterSchema>;

/** EnvoyFilter is served only as v1alpha3 (its CRD has no v1 or v1beta1). */
export const envoyFilterKind = defineKind({
  group: NETWORKING_GROUP,
  kind: 'EnvoyFilter',
  versions: ['v1alpha3'],
  namespaced: true,
  schema: envoyFilterSchema,
});
