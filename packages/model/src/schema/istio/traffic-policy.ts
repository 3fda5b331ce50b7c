// TrafficPolicy of a DestinationRule (and its subsets and ports): connection pools, outlier detection, client
// TLS, load balancing, tunnelling, PROXY protocol, retry budget. Istio's rules (validateTrafficPolicy,
// validateConnectionPool, validateOutlierDetection, ValidateTLS, validateTunnelSettings) are refinements here.
import { z } from 'zod';
import { parseDurationNs } from '../duration.js';
import { loadBalancerSettings } from './load-balancer.js';
import { fqdnProblem, isIpAddress } from './names.js';
import {
  anyDuration,
  forbid,
  intPercent,
  msDuration,
  nonNegativeInt32,
  uint32,
  whenParsed,
} from './networking-common.js';

/** TCP keepalive probes: count, idle time before the first, interval between them. */
const tcpKeepalive = z.strictObject({
  probes: uint32.optional(),
  time: msDuration.optional(),
  interval: msDuration.optional(),
});

/** TCPSettings: limits of upstream TCP connections. */
export const tcpSettings = z.strictObject({
  maxConnections: nonNegativeInt32.optional(),
  connectTimeout: msDuration.optional(),
  tcpKeepalive: tcpKeepalive.optional(),
  maxConnectionDuration: msDuration.optional(),
  /** "0s" disables it; below 1ms Istio ignores it; otherwise whole milliseconds. */
  idleTimeout: anyDuration
    .superRefine((text, ctx) => {
      const ns = parseDurationNs(text);
      if (ns !== undefined && ns >= 1e6 && ns % 1e6 !== 0)
        ctx.addIssue({
          code: 'custom',
          message: `expected a duration in whole milliseconds, got ${JSON.stringify(text)}`,
        });
    })
    .optional(),
});

/** HTTP/2 keepalive pings: both interval and timeout are required. */
const http2KeepAlive = z.strictObject({ interval: msDuration, timeout: msDuration });

/** HTTPSettings: limits of upstream HTTP requests and connections. */
export const httpSettings = z
  .strictObject({
    http1MaxPendingRequests: nonNegativeInt32.optional(),
    http2MaxRequests: nonNegativeInt32.optional(),
    maxRequestsPerConnection: nonNegativeInt32.optional(),
    maxRetries: nonNegativeInt32.optional(),
    idleTimeout: msDuration.optional(),
    h2UpgradePolicy: z.enum(['DEFAULT', 'DO_NOT_UPGRADE', 'UPGRADE']).optional(),
    useClientProtocol: z.boolean().optional(),
    maxConcurrentStreams: nonNegativeInt32.optional(),
    http2KeepAlive: http2KeepAlive.optional(),
  })
  .superRefine(
    (h, ctx) => {
      if (h.h2UpgradePolicy === 'UPGRADE' && h.useClientProtocol)
        ctx.addIssue({
          code: 'custom',
          path: ['useClientProtocol'],
          message: 'expected useClientProtocol to be false when h2UpgradePolicy is UPGRADE',
        });
    },
    whenParsed('h2UpgradePolicy', 'useClientProtocol'),
  );

/** ConnectionPoolSettings: tcp and/or http limits (at least one). */
export const connectionPoolSettings = z
  .strictObject({ tcp: tcpSettings.optional(), http: httpSettings.optional() })
  .superRefine((p, ctx) => {
    if (p.tcp === undefined && p.http === undefined)
      ctx.addIssue({ code: 'custom', message: 'expected a connection pool with tcp or http settings' });
  }, whenParsed());
export type ConnectionPoolSettings = z.infer<typeof connectionPoolSettings>;

/** OutlierDetection: eject hosts that keep failing. */
export const outlierDetection = z
  .strictObject({
    splitExternalLocalOriginErrors: z.boolean().optional(),
    consecutiveLocalOriginFailures: uint32.nullable().optional(),
    consecutiveGatewayErrors: uint32.nullable().optional(),
    consecutive5xxErrors: uint32.nullable().optional(),
    /** Deprecated: use consecutiveGatewayErrors or consecutive5xxErrors. */
    consecutiveErrors: z.number().int({ message: 'expected a whole number' }).optional(),
    interval: msDuration.optional(),
    baseEjectionTime: msDuration.optional(),
    maxEjectionPercent: intPercent.optional(),
    minHealthPercent: intPercent.optional(),
    /** Status codes counted as errors, 100-599. */
    outlierDetectionHttpErrorCodes: z
      .array(
        z
          .number()
          .int({ message: 'expected a whole number' })
          .min(100, { message: 'expected an HTTP status from 100 to 599' })
          .max(599, { message: 'expected an HTTP status from 100 to 599' }),
      )
      .optional(),
  })
  .superRefine(
    (o, ctx) => {
      if (!o.splitExternalLocalOriginErrors && (o.consecutiveLocalOriginFailures ?? 0) > 0)
        ctx.addIssue({
          code: 'custom',
          path: ['consecutiveLocalOriginFailures'],
          message: 'expected splitExternalLocalOriginErrors: true when consecutiveLocalOriginFailures is set',
        });
    },
    whenParsed('splitExternalLocalOriginErrors', 'consecutiveLocalOriginFailures'),
  );
export type OutlierDetection = z.infer<typeof outlierDetection>;

/** ClientTLSSettings: TLS this proxy originates to the upstream. */
export const clientTlsSettings = z
  .strictObject({
    mode: z.enum(['DISABLE', 'SIMPLE', 'MUTUAL', 'ISTIO_MUTUAL']).optional(),
    clientCertificate: z.string().optional(),
    privateKey: z.string().optional(),
    caCertificates: z.string().optional(),
    /** A Secret (or `configmap://name`) with the certificates; excludes the file fields. */
    credentialName: z.string().optional(),
    subjectAltNames: z.array(z.string()).optional(),
    sni: z.string().optional(),
    insecureSkipVerify: z.boolean().nullable().optional(),
    caCrl: z.string().optional(),
  })
  .superRefine(
    (t, ctx) => {
      if (
        t.insecureSkipVerify &&
        t.mode === 'SIMPLE' &&
        (t.caCertificates || t.credentialName || t.subjectAltNames)
      )
        ctx.addIssue({
          code: 'custom',
          path: ['insecureSkipVerify'],
          message:
            'expected no caCertificates, credentialName or subjectAltNames when insecureSkipVerify is true',
        });
      if (t.insecureSkipVerify && t.mode === 'MUTUAL' && (t.caCertificates || t.subjectAltNames))
        ctx.addIssue({
          code: 'custom',
          path: ['insecureSkipVerify'],
          message: 'expected no caCertificates or subjectAltNames when insecureSkipVerify is true',
        });
      const certModes = t.mode === 'SIMPLE' || t.mode === 'MUTUAL';
      if (certModes && t.credentialName) {
        if (t.clientCertificate || t.caCertificates || t.privateKey || t.caCrl)
          ctx.addIssue({
            code: 'custom',
            path: ['credentialName'],
            message:
              'expected no clientCertificate, privateKey, caCertificates or caCrl when credentialName is set',
          });
      } else if (t.mode === 'MUTUAL') {
        if (!t.clientCertificate)
          ctx.addIssue({
            code: 'custom',
            path: ['clientCertificate'],
            message: 'expected a clientCertificate for MUTUAL TLS',
          });
        if (!t.privateKey)
          ctx.addIssue({
            code: 'custom',
            path: ['privateKey'],
            message: 'expected a privateKey for MUTUAL TLS',
          });
      }
    },
    whenParsed(
      'mode',
      'insecureSkipVerify',
      'caCertificates',
      'credentialName',
      'subjectAltNames',
      'clientCertificate',
      'privateKey',
      'caCrl',
    ),
  );
export type ClientTLSSettings = z.infer<typeof clientTlsSettings>;

/** TunnelSettings: tunnel TCP to targetHost:targetPort through the upstream (HTTP CONNECT or POST). */
export const tunnelSettings = z
  .strictObject({ protocol: z.string().optional(), targetHost: z.string(), targetPort: uint32 })
  .superRefine(
    (t, ctx) => {
      if (t.protocol && t.protocol !== 'CONNECT' && t.protocol !== 'POST')
        ctx.addIssue({
          code: 'custom',
          path: ['protocol'],
          message: `expected tunnel protocol "CONNECT" or "POST", got ${JSON.stringify(t.protocol)}`,
        });
      const hostProblem = fqdnProblem(t.targetHost);
      if (hostProblem !== undefined && !isIpAddress(t.targetHost))
        ctx.addIssue({
          code: 'custom',
          path: ['targetHost'],
          message: `expected a tunnel target host that is an FQDN or IP address: ${hostProblem}, got ${JSON.stringify(t.targetHost)}`,
        });
      if (t.targetPort < 1 || t.targetPort > 65535)
        ctx.addIssue({
          code: 'custom',
          path: ['targetPort'],
          message: `expected a port number from 1 to 65535, got ${t.targetPort}`,
        });
    },
    whenParsed('protocol', 'targetHost', 'targetPort'),
  );

/** ProxyProtocol: send a PROXY protocol header (V1 or V2) to the upstream. */
export const proxyProtocol = z.strictObject({ version: z.enum(['V1', 'V2']).optional() });

/** RetryBudget: cap concurrent retries at a share of active requests. */
export const retryBudget = z.strictObject({
  percent: z
    .number()
    .min(0, { message: 'expected a percentage from 0 to 100' })
    .max(100, { message: 'expected a percentage from 0 to 100' })
    .nullable()
    .optional(),
  minRetryConcurrency: uint32.optional(),
  budgetInterval: anyDuration.optional(),
});

/** Port-level settings: overrides for one port (at least one setting). */
export const portTrafficPolicy = z
  .strictObject({
    /** The port; Istio requires it. A number of 0 is accepted (as Istio does) but matches no port. */
    port: z.strictObject({
      number: uint32.max(65535, { message: 'expected a port number from 1 to 65535' }).optional(),
    }),
    loadBalancer: loadBalancerSettings.optional(),
    connectionPool: connectionPoolSettings.optional(),
    outlierDetection: outlierDetection.optional(),
    tls: clientTlsSettings.optional(),
  })
  .superRefine((p, ctx) => {
    if (!p.loadBalancer && !p.connectionPool && !p.outlierDetection && !p.tls)
      ctx.addIssue({
        code: 'custom',
        message: 'expected a port-level policy with loadBalancer, connectionPool, outlierDetection or tls',
      });
  }, whenParsed());
export type PortTrafficPolicy = z.infer<typeof portTrafficPolicy>;

/** TrafficPolicy: at least one setting; tunnel and proxyProtocol exclude each other. */
export const trafficPolicy = z
  .strictObject({
    loadBalancer: loadBalancerSettings.optional(),
    connectionPool: connectionPoolSettings.optional(),
    outlierDetection: outlierDetection.optional(),
    tls: clientTlsSettings.optional(),
    portLevelSettings: z
      .array(portTrafficPolicy)
      .max(4096, { message: 'expected at most 4096 port-level settings' })
      .optional(),
    tunnel: tunnelSettings.optional(),
    proxyProtocol: proxyProtocol.optional(),
    retryBudget: retryBudget.optional(),
  })
  .superRefine((p, ctx) => {
    if (Object.values(p).every((v) => v === undefined))
      ctx.addIssue({ code: 'custom', message: 'expected a traffic policy with at least one setting' });
    if (p.tunnel !== undefined)
      forbid(
        ctx,
        p.proxyProtocol,
        ['proxyProtocol'],
        'expected only one of tunnel and proxyProtocol, got both',
      );
  }, whenParsed());
export type TrafficPolicy = z.infer<typeof trafficPolicy>;
