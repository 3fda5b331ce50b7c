// Gateway (gateway.networking.k8s.io): a load balancer of a GatewayClass, with listeners (port, protocol,
// hostname, TLS, which routes may attach) and requested addresses. Named K8sGateway here: Istio's
// networking.istio.io Gateway is another kind.
import { z } from 'zod';
import { resourceEnvelope } from '../common.js';
import { ipVersion } from '../istio/security-common.js';
import { defineKind } from '../kind-definition.js';
import { describe } from '../validate.js';
import {
  checkUnique,
  formatted,
  group,
  HOSTNAME_RE,
  hostname,
  kind,
  labelSelector,
  objectName,
  objectReference,
  port,
  secretObjectReference,
  sectionName,
} from './shared.js';

/** A map of at most `max` entries whose values are each checked by `value`, issues at the entry's key. */
function boundedMap(max: number, what: string, check: (key: string, value: string) => string | undefined) {
  return z.record(z.string(), z.string()).superRefine((map, ctx) => {
    const entries = Object.entries(map);
    if (entries.length > max)
      ctx.addIssue({ code: 'custom', message: `expected at most ${max} ${what}, got ${entries.length}` });
    for (const [key, value] of entries) {
      const err = check(key, value);
      if (err !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: err });
    }
  });
}

// Kubernetes label/annotation key: optional DNS-subdomain prefix and "/", then a name of up to 63 characters.
const LABEL_KEY_RE =
  /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$/;
const LABEL_VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

function metadataKeyError(key: string): string | undefined {
  if ((key.split('/')[0] ?? '').length >= 253 || !LABEL_KEY_RE.test(key))
    return `expected a key such as "example.com/name" (optional DNS prefix, name of up to 63 characters), got ${describe(key)}`;
  return undefined;
}

/** TLS options: implementation-specific key/value pairs, at most 16, values at most 4096 characters. */
const tlsOptions = boundedMap(16, 'options', (_key, value) =>
  value.length > 4096
    ? `expected an option value of at most 4096 characters, got ${value.length}`
    : undefined,
);

/**
 * GatewayTLSConfig of a listener: mode Terminate (default; needs certificateRefs or options) or Passthrough.
 * `frontendValidation` is the client-certificate validation of Gateway API v1.2-v1.3 (experimental; moved to
 * `spec.tls.frontend` in v1.4) and is still accepted.
 */
export const listenerTls = z
  .strictObject({
    mode: z.enum(['Terminate', 'Passthrough']).optional(),
    certificateRefs: z.array(secretObjectReference).max(64).optional(),
    frontendValidation: z
      .strictObject({ caCertificateRefs: z.array(objectReference).min(1).max(8).optional() })
      .optional(),
    options: tlsOptions.optional(),
  })
  .superRefine((tls, ctx) => {
    const empty = (tls.certificateRefs?.length ?? 0) === 0 && Object.keys(tls.options ?? {}).length === 0;
    if ((tls.mode ?? 'Terminate') === 'Terminate' && empty)
      ctx.addIssue({
        code: 'custom',
        path: ['certificateRefs'],
        message: 'expected certificateRefs or options for mode Terminate',
      });
  });
export type ListenerTLS = z.infer<typeof listenerTls>;

/** Namespaces routes (or ListenerSets) may attach from; Selector needs `selector`. */
function fromNamespaces<const T extends readonly [string, ...string[]]>(from: T) {
  return z
    .strictObject({ from: z.enum(from).optional(), selector: labelSelector.optional() })
    .superRefine((ns, ctx) => {
      if (ns.from === 'Selector' && ns.selector === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['selector'],
          message: 'expected a selector when from is Selector',
        });
    });
}

/** AllowedRoutes: namespaces (default Same) and kinds (default: those the protocol supports, at most 8). */
export const allowedRoutes = z.strictObject({
  namespaces: fromNamespaces(['All', 'Selector', 'Same'] as const).optional(),
  kinds: z
    .array(z.strictObject({ group: group.optional(), kind }))
    .max(8)
    .optional(),
});
export type AllowedRoutes = z.infer<typeof allowedRoutes>;

/** Protocol: a core name ("HTTP", "HTTPS", "TLS", "TCP", "UDP") or a domain-prefixed one ("example.com/x"). */
export const listenerProtocol = formatted(
  'a protocol such as "HTTP", "HTTPS", "TLS", "TCP" or "example.com/proto"',
  {
    pattern:
      /^[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?$|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9]+$/,
    min: 1,
    max: 255,
  },
);

/** Listener. TLS belongs to HTTPS (Terminate only) and TLS listeners; TCP and UDP listeners have no hostname. */
export const gatewayListener = z
  .strictObject({
    name: sectionName,
    hostname: hostname.optional(),
    port,
    protocol: listenerProtocol,
    tls: listenerTls.optional(),
    allowedRoutes: allowedRoutes.optional(),
  })
  .superRefine((l, ctx) => {
    const p = l.protocol;
    if ((p === 'HTTP' || p === 'TCP' || p === 'UDP') && l.tls !== undefined)
      ctx.addIssue({ code: 'custom', path: ['tls'], message: `expected no tls for protocol ${p}` });
    if ((p === 'HTTPS' || p === 'TLS') && l.tls === undefined)
      ctx.addIssue({ code: 'custom', path: ['tls'], message: `expected tls for protocol ${p}` });
    if (p === 'HTTPS' && l.tls?.mode === 'Passthrough')
      ctx.addIssue({
        code: 'custom',
        path: ['tls', 'mode'],
        message: 'expected tls mode Terminate for protocol HTTPS, got Passthrough',
      });
    if ((p === 'TCP' || p === 'UDP') && l.hostname !== undefined)
      ctx.addIssue({ code: 'custom', path: ['hostname'], message: `expected no hostname for protocol ${p}` });
  });
export type GatewayListener = z.infer<typeof gatewayListener>;

/** 1-64 listeners with unique names and unique port/protocol/hostname combinations. */
export const gatewayListeners = z
  .array(gatewayListener)
  .min(1, { message: 'expected at least one listener' })
  .max(64)
  .superRefine((items, ctx) => {
    checkUnique(ctx, items, (l) => JSON.stringify(l.name), { what: 'listener name', field: ['name'] });
    checkUnique(
      ctx,
      items,
      (l) => `${l.port}/${l.protocol}${l.hostname === undefined ? '' : `/${l.hostname}`}`,
      {
        what: 'port/protocol/hostname combination',
      },
    );
  });

/**
 * GatewaySpecAddress: type IPAddress (default; value an IPv4 or IPv6 address), Hostname (value a hostname) or a
 * domain-prefixed implementation type; value may be left out for the implementation to choose.
 */
export const gatewayAddress = z
  .strictObject({
    type: formatted('an address type: IPAddress, Hostname, NamedAddress or "example.com/type"', {
      pattern:
        /^Hostname|IPAddress|NamedAddress|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/,
      min: 1,
      max: 253,
    }).optional(),
    value: formatted('an address', { max: 253 }).optional(),
  })
  .superRefine((a, ctx) => {
    const type = a.type ?? 'IPAddress';
    if (a.value === undefined) return;
    if (type === 'IPAddress' && ipVersion(a.value) === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `expected an IPv4 or IPv6 address, got ${describe(a.value)}`,
      });
    if (type === 'Hostname' && !HOSTNAME_RE.test(a.value))
      ctx.addIssue({
        code: 'custom',
        path: ['value'],
        message: `expected a hostname such as "gw.example.com" or "*.example.com", got ${describe(a.value)}`,
      });
  });
export type GatewayAddress = z.infer<typeof gatewayAddress>;

/** At most 16 addresses; IPAddress and Hostname values unique. */
export const gatewayAddresses = z
  .array(gatewayAddress)
  .max(16)
  .superRefine((items, ctx) =>
    checkUnique(
      ctx,
      items,
      (a) => {
        const type = a.type ?? 'IPAddress';
        return (type === 'IPAddress' || type === 'Hostname') && a.value !== undefined
          ? `${type} ${a.value}`
          : undefined;
      },
      { what: 'address', field: ['value'] },
    ),
  );

/** GatewayInfrastructure: labels (at most 8) and annotations (at most 16) for generated resources, and parameters. */
export const gatewayInfrastructure = z.strictObject({
  labels: boundedMap(8, 'labels', (key, value) => {
    const keyErr = metadataKeyError(key);
    if (keyErr !== undefined) return keyErr;
    if (value.length > 63 || !LABEL_VALUE_RE.test(value))
      return `expected a label value of at most 63 letters, digits, "-", "_" or ".", got ${describe(value)}`;
    return undefined;
  }).optional(),
  annotations: boundedMap(16, 'annotations', (key, value) => {
    const keyErr = metadataKeyError(key);
    if (keyErr !== undefined) return keyErr;
    return value.length > 4096
      ? `expected an annotation value of at most 4096 characters, got ${value.length}`
      : undefined;
  }).optional(),
  parametersRef: z.strictObject({ group, kind, name: objectName }).optional(),
});
export type GatewayInfrastructure = z.infer<typeof gatewayInfrastructure>;

/** Client-certificate validation of a frontend TLS config. */
const frontendTlsConfig = z.strictObject({
  validation: z
    .strictObject({
      caCertificateRefs: z
        .array(objectReference)
        .min(1, { message: 'expected at least one caCertificateRef' })
        .max(16),
      mode: z.enum(['AllowValidOnly', 'AllowInsecureFallback']).optional(),
    })
    .optional(),
});

/** GatewayTLSConfig (Gateway API v1.4+): client certificate for backends; frontend validation, default and per port. */
export const gatewayTls = z.strictObject({
  backend: z.strictObject({ clientCertificateRef: secretObjectReference.optional() }).optional(),
  frontend: z
    .strictObject({
      default: frontendTlsConfig,
      perPort: z
        .array(z.strictObject({ port, tls: frontendTlsConfig }))
        .max(64)
        .superRefine((items, ctx) =>
          checkUnique(ctx, items, (p) => String(p.port), { what: 'port', field: ['port'] }),
        )
        .optional(),
    })
    .optional(),
});
export type GatewayTLS = z.infer<typeof gatewayTls>;

/**
 * GatewaySpec. `backendTLS` is the v1.3 (experimental) form of `tls.backend`, still accepted; `allowedListeners`
 * and `defaultScope` are experimental (ListenerSet, default Gateways).
 */
export const k8sGatewaySpec = z.strictObject({
  gatewayClassName: formatted('a GatewayClass name', { min: 1, max: 253 }),
  listeners: gatewayListeners,
  addresses: gatewayAddresses.optional(),
  infrastructure: gatewayInfrastructure.optional(),
  tls: gatewayTls.optional(),
  backendTLS: z.strictObject({ clientCertificateRef: secretObjectReference.optional() }).optional(),
  allowedListeners: z
    .strictObject({ namespaces: fromNamespaces(['All', 'Selector', 'Same', 'None'] as const).optional() })
    .optional(),
  defaultScope: z.enum(['All', 'None']).optional(),
});
export type K8sGatewaySpec = z.infer<typeof k8sGatewaySpec>;

export const k8sGatewaySchema = resourceEnvelope(k8sGatewaySpec);
export type K8sGateway = z.infer<typeof k8sGatewaySchema>;

export const k8sGatewayKind = defineKind({
  group: 'gateway.networking.k8s.io',
  kind: 'Gateway',
  versions: ['v1', 'v1beta1', 'v1alpha2'],
  namespaced: true,
  schema: k8sGatewaySchema,
});
