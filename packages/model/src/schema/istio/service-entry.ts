// ServiceEntry (networking.istio.io): adds a service (usually outside the mesh) to Istio's registry. Istio's
// rules (ValidateServiceEntry and the CRD's CEL rules): hosts, addresses and CIDRs, unique named ports,
// resolution-specific endpoint rules, one of workloadSelector and endpoints, exportTo (which may be `~`).
import { z } from 'zod';
import { resourceEnvelope } from '../common.js';
import { defineKind } from '../kind-definition.js';
import {
  fqdnProblem,
  isDns1123Label,
  isHttpProtocol,
  isIpOrCidr,
  isKnownProtocol,
  isTlsProtocol,
  PROTOCOL_NAMES,
  wildcardDomainProblem,
} from './names.js';
import {
  checkExportTo,
  labelsSelector,
  NETWORKING_GROUP,
  NETWORKING_VERSIONS,
  uint32,
  whenParsed,
} from './networking-common.js';
import { checkWorkloadEntry, workloadEntryShape } from './workload-entry.js';

/** ServicePort of a ServiceEntry: number (1-65535), name (unique, DNS-1123 label), protocol, optional targetPort. */
export const serviceEntryPort = z.strictObject({
  number: uint32,
  protocol: z.string().max(256, { message: 'expected at most 256 characters' }).optional(),
  name: z.string().max(256, { message: 'expected at most 256 characters' }),
  targetPort: uint32.optional(),
});
export type ServiceEntryPort = z.infer<typeof serviceEntryPort>;

const serviceEntrySpecShape = z.strictObject({
  /** Hostnames of the service (never `*` alone); `*.suffix` wildcards are allowed. */
  hosts: z
    .array(z.string())
    .min(1, { message: 'expected at least one host' })
    .max(256, { message: 'expected at most 256 hosts' }),
  /** Virtual IPs or CIDR blocks of the service. */
  addresses: z
    .array(z.string().max(64, { message: 'expected at most 64 characters' }))
    .max(256, { message: 'expected at most 256 addresses' })
    .optional(),
  ports: z.array(serviceEntryPort).max(256, { message: 'expected at most 256 ports' }).optional(),
  /** MESH_EXTERNAL (default): outside the mesh; MESH_INTERNAL: part of it (mTLS, policies). */
  location: z.enum(['MESH_EXTERNAL', 'MESH_INTERNAL']).optional(),
  /** NONE (default): pass through; STATIC: endpoints; DNS / DNS_ROUND_ROBIN: resolve; DYNAMIC_DNS: per request. */
  resolution: z.enum(['NONE', 'STATIC', 'DNS', 'DNS_ROUND_ROBIN', 'DYNAMIC_DNS']).optional(),
  endpoints: z.array(workloadEntryShape).max(4096, { message: 'expected at most 4096 endpoints' }).optional(),
  /** Select WorkloadEntries and pods as endpoints instead of listing them (not with endpoints). */
  workloadSelector: labelsSelector.optional(),
  exportTo: z.array(z.string()).optional(),
  subjectAltNames: z.array(z.string()).optional(),
});

type ServiceEntrySpecShape = z.infer<typeof serviceEntrySpecShape>;

function checkPorts(ctx: z.RefinementCtx, se: ServiceEntrySpecShape): void {
  const names = new Set<string>();
  const numbers = new Set<number>();
  (se.ports ?? []).forEach((p, i) => {
    const issue = (field: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: ['ports', i, field], message });
    if (names.has(p.name)) issue('name', `expected unique port names, "${p.name}" is repeated`);
    else if (!isDns1123Label(p.name))
      issue('name', `expected a port name that is a DNS-1123 label, got ${JSON.stringify(p.name)}`);
    if (numbers.has(p.number)) issue('number', `expected unique port numbers, ${p.number} is repeated`);
    names.add(p.name);
    numbers.add(p.number);
    if (p.number < 1 || p.number > 65535)
      issue('number', `expected a port number from 1 to 65535, got ${p.number}`);
    if (p.targetPort !== undefined && (p.targetPort < 1 || p.targetPort > 65535))
      issue('targetPort', `expected a port number from 1 to 65535, got ${p.targetPort}`);
    if (p.protocol && !isKnownProtocol(p.protocol))
      issue('protocol', `expected a protocol (${PROTOCOL_NAMES}), got ${JSON.stringify(p.protocol)}`);
  });
}

function checkEndpoints(ctx: z.RefinementCtx, se: ServiceEntrySpecShape): void {
  const resolution = se.resolution ?? 'NONE';
  const endpoints = se.endpoints ?? [];
  const servicePorts = new Set((se.ports ?? []).map((p) => p.name));
  if ((resolution === 'NONE' || resolution === 'DYNAMIC_DNS') && se.endpoints !== undefined)
    ctx.addIssue({
      code: 'custom',
      path: ['endpoints'],
      message: `expected no endpoints with resolution ${resolution}`,
    });
  if (resolution === 'DNS_ROUND_ROBIN' && endpoints.length > 1)
    ctx.addIssue({
      code: 'custom',
      path: ['endpoints'],
      message: `expected at most one endpoint with resolution DNS_ROUND_ROBIN, got ${endpoints.length}`,
    });
  const resolved = resolution === 'STATIC' || resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN';
  const address = resolution === 'STATIC' ? 'ip' : resolved ? 'ip-or-dns' : 'any';
  endpoints.forEach((e, i) => {
    checkWorkloadEntry(ctx, e, { addressRequired: true, address, ...(resolved ? { servicePorts } : {}) }, [
      'endpoints',
      i,
    ]);
  });
}

export const serviceEntrySpec = serviceEntrySpecShape.superRefine(
  (se, ctx) => {
    const resolution = se.resolution ?? 'NONE';
    if (se.workloadSelector !== undefined && se.endpoints !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'expected only one of workloadSelector and endpoints, got both',
      });
    se.hosts.forEach((host, i) => {
      const problem = host === '*' ? 'the wildcard "*" alone is not allowed' : wildcardDomainProblem(host);
      if (problem !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['hosts', i],
          message: `expected a hostname: ${problem}, got ${JSON.stringify(host)}`,
        });
      else if (resolution === 'DYNAMIC_DNS' && !host.startsWith('*'))
        ctx.addIssue({
          code: 'custom',
          path: ['hosts', i],
          message: `expected a wildcard host ("*.example.com") with resolution DYNAMIC_DNS, got "${host}"`,
        });
      else if ((resolution === 'DNS' || resolution === 'DNS_ROUND_ROBIN') && !se.endpoints?.length) {
        const fqdn = fqdnProblem(host);
        if (fqdn !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['hosts', i],
            message: `expected a DNS name to resolve with resolution ${resolution} and no endpoints: ${fqdn}, got "${host}"`,
          });
      }
    });
    (se.addresses ?? []).forEach((a, i) => {
      if (!isIpOrCidr(a))
        ctx.addIssue({
          code: 'custom',
          path: ['addresses', i],
          message: `expected an IP address or CIDR block, got ${JSON.stringify(a)}`,
        });
      else if (a.includes('/') && resolution !== 'NONE' && resolution !== 'STATIC')
        ctx.addIssue({
          code: 'custom',
          path: ['addresses', i],
          message: `expected an IP address: CIDR blocks need resolution NONE or STATIC, got ${resolution}`,
        });
    });
    if (resolution === 'DYNAMIC_DNS' && se.addresses?.length)
      ctx.addIssue({
        code: 'custom',
        path: ['addresses'],
        message: 'expected no addresses with resolution DYNAMIC_DNS',
      });
    checkPorts(ctx, se);
    checkEndpoints(ctx, se);
    (se.ports ?? []).forEach((p, i) => {
      const protocol = p.protocol ?? '';
      if (resolution === 'DYNAMIC_DNS' && !['http', 'tls', 'grpc', 'http2'].includes(protocol.toLowerCase()))
        ctx.addIssue({
          code: 'custom',
          path: ['ports', i, 'protocol'],
          message: `expected protocol HTTP, HTTP2, GRPC or TLS with resolution DYNAMIC_DNS, got ${JSON.stringify(protocol)}`,
        });
    });
    // Several hosts on one plain TCP port cannot be told apart (no Host header, no SNI), unless Istio does not
    // resolve them (NONE). An unset protocol counts as TCP.
    if (resolution !== 'NONE' && se.hosts.length > 1) {
      const i = (se.ports ?? []).findIndex(
        (p) => !isHttpProtocol(p.protocol ?? '') && !isTlsProtocol(p.protocol ?? ''),
      );
      if (i >= 0)
        ctx.addIssue({
          code: 'custom',
          path: ['ports', i, 'protocol'],
          message:
            'expected an HTTP or TLS protocol: several hosts cannot share a plain TCP port unless resolution is NONE',
        });
    }
  },
  whenParsed('hosts', 'resolution', 'endpoints', 'addresses', 'ports', 'location'),
);
export type ServiceEntrySpec = z.infer<typeof serviceEntrySpec>;

export const serviceEntrySchema = resourceEnvelope(serviceEntrySpec).superRefine((se, ctx) => {
  checkExportTo(ctx, se.spec.exportTo, {
    namespace: se.metadata.namespace,
    serviceEntry: true,
    path: ['spec', 'exportTo'],
  });
  const waypoint = se.metadata.labels?.['istio.io/use-waypoint'];
  if (
    se.spec.resolution === 'DYNAMIC_DNS' &&
    se.spec.location === 'MESH_INTERNAL' &&
    waypoint &&
    waypoint.toLowerCase() !== 'none'
  )
    ctx.addIssue({
      code: 'custom',
      path: ['spec', 'location'],
      message:
        'expected location MESH_EXTERNAL: MESH_INTERNAL with DYNAMIC_DNS is not supported with a waypoint',
    });
});
export type ServiceEntry = z.infer<typeof serviceEntrySchema>;

export const serviceEntryKind = defineKind({
  group: NETWORKING_GROUP,
  kind: 'ServiceEntry',
  versions: NETWORKING_VERSIONS,
  namespaced: true,
  schema: serviceEntrySchema,
});
