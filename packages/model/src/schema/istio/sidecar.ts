// Sidecar (networking.istio.io): narrows what a sidecar listens on (ingress) and which services it can reach
// (egress), and its outbound policy. Istio's rules (ValidateSidecar): egress hosts as `namespace/dnsName`,
// one port-less egress listener (last), unique ports and sockets, unix socket binds, ingress TLS limits,
// defaultEndpoint forms, egressProxy only with ALLOW_ANY.
import { z } from 'zod';
import { resourceEnvelope } from '../common.js';
import { defineKind } from '../kind-definition.js';
import {
  fqdnProblem,
  isDns1123Label,
  isIpAddress,
  isKnownProtocol,
  isTlsProtocol,
  namespacedHostProblem,
  PROTOCOL_NAMES,
  UNIX_PREFIX,
  unixAddressProblem,
} from './names.js';
import {
  destination,
  labelsSelector,
  NETWORKING_GROUP,
  NETWORKING_VERSIONS,
  uint32,
  whenParsed,
} from './networking-common.js';
import { serverTlsSettings } from './server-tls.js';
import { connectionPoolSettings } from './traffic-policy.js';

/** SidecarPort: number (0 with a unix socket bind), protocol, name; targetPort has no effect. */
export const sidecarPort = z.strictObject({
  number: uint32.optional(),
  protocol: z.string().optional(),
  name: z.string().optional(),
  targetPort: uint32.optional(),
});
export type SidecarPort = z.infer<typeof sidecarPort>;

const captureMode = z.enum(['DEFAULT', 'IPTABLES', 'NONE']);

type Issue = (path: (string | number)[], message: string) => void;

/** Port name, protocol, number and bind rules shared by ingress and egress listeners. */
function checkListenerPort(issue: Issue, port: SidecarPort, bind: string, uds: boolean): void {
  if (port.name && !isDns1123Label(port.name))
    issue(
      ['port', 'name'],
      `expected a port name that is a DNS-1123 label, got ${JSON.stringify(port.name)}`,
    );
  if (port.protocol && !isKnownProtocol(port.protocol))
    issue(
      ['port', 'protocol'],
      `expected a protocol (${PROTOCOL_NAMES}), got ${JSON.stringify(port.protocol)}`,
    );
  if (port.targetPort) issue(['port', 'targetPort'], 'expected no targetPort: it has no effect on Sidecars');
  const number = port.number ?? 0;
  if (uds) {
    if (!bind.startsWith(UNIX_PREFIX)) issue(['bind'], 'expected a unix:// bind address for port number 0');
    else {
      const problem = unixAddressProblem(bind.slice(UNIX_PREFIX.length));
      if (problem !== undefined) issue(['bind'], `expected a unix socket path: ${problem}`);
    }
    return;
  }
  if (number < 1 || number > 65535)
    issue(['port', 'number'], `expected a port number from 1 to 65535, got ${number}`);
  if (bind !== '' && !isIpAddress(bind))
    issue(['bind'], `expected an IP address to bind to, got ${JSON.stringify(bind)}`);
}

/** Go's net.SplitHostPort, enough for `127.0.0.1:8080`, `[::1]:8080`, `:8080`. */
function splitHostPort(text: string): { host: string; port: string } | undefined {
  if (text.startsWith('[')) {
    const end = text.indexOf(']');
    if (end < 0 || text[end + 1] !== ':') return undefined;
    return { host: text.slice(1, end), port: text.slice(end + 2) };
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0 || text.slice(0, colon).includes(':')) return undefined;
  return { host: text.slice(0, colon), port: text.slice(colon + 1) };
}

const LOCAL_HOSTS = new Set(['', '127.0.0.1', '0.0.0.0', '::1', '::']);

function defaultEndpointProblem(endpoint: string): string | undefined {
  if (endpoint.startsWith(UNIX_PREFIX)) return unixAddressProblem(endpoint.slice(UNIX_PREFIX.length));
  const hp = splitHostPort(endpoint);
  if (hp === undefined || !LOCAL_HOSTS.has(hp.host))
    return 'it is not 127.0.0.1:<port>, 0.0.0.0:<port>, [::1]:<port>, [::]:<port> or unix://<path>';
  const port = /^[+-]?[0-9]+$/.test(hp.port) ? Number(hp.port) : Number.NaN;
  if (!(port >= 1 && port <= 65535)) return `its port "${hp.port}" is not a number from 1 to 65535`;
  return undefined;
}

/** IstioIngressListener: a listener for inbound traffic to the workload. */
export const istioIngressListener = z
  .strictObject({
    port: sidecarPort,
    bind: z.string().optional(),
    captureMode: captureMode.optional(),
    /** Where to forward: `127.0.0.1:<port>`, `0.0.0.0:<port>`, `[::1]:<port>`, `[::]:<port>` or `unix://path`. */
    defaultEndpoint: z.string().optional(),
    /** Terminate TLS on a HTTPS/TLS port with files (no credentialName, no ISTIO_MUTUAL). */
    tls: serverTlsSettings.optional(),
    connectionPool: connectionPoolSettings.optional(),
  })
  .superRefine(
    (l, ctx) => {
      const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path, message });
      checkListenerPort(issue, l.port, l.bind ?? '', false);
      if (l.defaultEndpoint) {
        const problem = defaultEndpointProblem(l.defaultEndpoint);
        if (problem !== undefined) issue(['defaultEndpoint'], `expected a local endpoint: ${problem}`);
      }
      const tls = l.tls;
      if (tls === undefined) return;
      if (tls.subjectAltNames?.length)
        issue(['tls', 'subjectAltNames'], 'expected no subjectAltNames in sidecar ingress tls');
      if (tls.httpsRedirect)
        issue(['tls', 'httpsRedirect'], 'expected no httpsRedirect in sidecar ingress tls');
      if (tls.credentialName)
        issue(['tls', 'credentialName'], 'expected no credentialName in sidecar ingress tls: use files');
      if (tls.credentialNames?.length)
        issue(['tls', 'credentialNames'], 'expected no credentialNames in sidecar ingress tls: use files');
      if (tls.tlsCertificates?.length)
        issue(['tls', 'tlsCertificates'], 'expected no tlsCertificates in sidecar ingress tls');
      if (tls.mode === 'ISTIO_MUTUAL' || tls.mode === 'AUTO_PASSTHROUGH')
        issue(['tls', 'mode'], `expected a tls mode other than ${tls.mode} in sidecar ingress tls`);
      if (!isTlsProtocol(l.port.protocol ?? ''))
        issue(
          ['tls'],
          `expected no tls settings on a ${l.port.protocol ?? 'protocol-less'} port (only HTTPS and TLS)`,
        );
    },
    whenParsed('port', 'bind', 'defaultEndpoint', 'tls'),
  );
export type IstioIngressListener = z.infer<typeof istioIngressListener>;

/** IstioEgressListener: which services (`namespace/dnsName`) the workload reaches, on a port or all. */
export const istioEgressListener = z
  .strictObject({
    port: sidecarPort.optional(),
    bind: z.string().optional(),
    captureMode: captureMode.optional(),
    // `ns/host`, `*` + `/host` (any namespace), `./host`, `ns/*`, `~ns/host` (not that namespace), all: `*` + `/*`.
    hosts: z.array(z.string()).min(1, { message: 'expected at least one host' }),
  })
  .superRefine(
    (l, ctx) => {
      const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path, message });
      if (l.port !== undefined) {
        const uds = (l.port.number ?? 0) === 0;
        checkListenerPort(issue, l.port, l.bind ?? '', uds);
        if (uds && l.captureMode !== undefined && l.captureMode !== 'DEFAULT' && l.captureMode !== 'NONE')
          issue(['captureMode'], 'expected captureMode DEFAULT or NONE for a unix socket listener');
      }
      l.hosts.forEach((host, i) => {
        const problem = namespacedHostProblem(host, { gateway: false });
        if (problem !== undefined)
          issue(
            ['hosts', i],
            `expected a host "namespace/dnsName" ("istio-system/*", "*/reviews.default.svc.cluster.local"): ${problem}, got ${JSON.stringify(host)}`,
          );
      });
    },
    whenParsed('port', 'bind', 'captureMode', 'hosts'),
  );
export type IstioEgressListener = z.infer<typeof istioEgressListener>;

/** OutboundTrafficPolicy: what happens to traffic for unknown hosts. */
export const outboundTrafficPolicy = z
  .strictObject({
    mode: z.enum(['REGISTRY_ONLY', 'ALLOW_ANY']).optional(),
    /** Send unknown traffic through this proxy (ALLOW_ANY only); its host is an FQDN and its port is required. */
    egressProxy: destination.optional(),
  })
  .superRefine(
    (p, ctx) => {
      const proxy = p.egressProxy;
      if (proxy === undefined) return;
      if (p.mode !== 'ALLOW_ANY')
        ctx.addIssue({
          code: 'custom',
          path: ['egressProxy'],
          message: 'expected egressProxy only with mode ALLOW_ANY',
        });
      const problem = fqdnProblem(proxy.host);
      if (problem !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['egressProxy', 'host'],
          message: `expected an FQDN: ${problem}, got ${JSON.stringify(proxy.host)}`,
        });
      if (proxy.port === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['egressProxy', 'port'],
          message: 'expected the egress proxy port',
        });
    },
    whenParsed('mode', 'egressProxy'),
  );

const sidecarSpecShape = z.strictObject({
  workloadSelector: labelsSelector.optional(),
  ingress: z.array(istioIngressListener).optional(),
  egress: z.array(istioEgressListener).optional(),
  outboundTrafficPolicy: outboundTrafficPolicy.optional(),
  inboundConnectionPool: connectionPoolSettings.optional(),
});

export const sidecarSpec = sidecarSpecShape.superRefine(
  (s, ctx) => {
    const ingress = s.ingress ?? [];
    const egress = s.egress ?? [];
    if (ingress.length === 0 && egress.length === 0 && !s.outboundTrafficPolicy && !s.inboundConnectionPool)
      ctx.addIssue({
        code: 'custom',
        message: 'expected ingress, egress, outboundTrafficPolicy or inboundConnectionPool',
      });
    const ports = new Set<number>();
    ingress.forEach((l, i) => {
      const n = l.port.number ?? 0;
      if (ports.has(n))
        ctx.addIssue({
          code: 'custom',
          path: ['ingress', i, 'port', 'number'],
          message: `expected unique ingress ports, ${n} is repeated`,
        });
      ports.add(n);
    });
    ports.clear();
    const sockets = new Set<string>();
    egress.forEach((l, i) => {
      if (l.port === undefined) {
        // the catch-all listener: only one, and last
        if (i !== egress.length - 1 || egress.slice(0, i).some((e) => e.port === undefined))
          ctx.addIssue({
            code: 'custom',
            path: ['egress', i],
            message: 'expected the one egress listener without a port to be the last',
          });
        return;
      }
      const n = l.port.number ?? 0;
      const key = n === 0 ? (l.bind ?? '') : '';
      if (n === 0 ? sockets.has(key) : ports.has(n))
        ctx.addIssue({
          code: 'custom',
          path: ['egress', i, n === 0 ? 'bind' : 'port'],
          message:
            n === 0
              ? `expected unique unix socket binds, "${key}" is repeated`
              : `expected unique egress ports, ${n} is repeated`,
        });
      if (n === 0) sockets.add(key);
      else ports.add(n);
    });
  },
  whenParsed('ingress', 'egress'),
);
export type SidecarSpec = z.infer<typeof sidecarSpec>;

export const sidecarSchema = resourceEnvelope(sidecarSpec);
export type Sidecar = z.infer<typeof sidecarSchema>;

export const sidecarKind = defineKind({
  group: NETWORKING_GROUP,
  kind: 'Sidecar',
  versions: NETWORKING_VERSIONS,
  namespaced: true,
  schema: sidecarSchema,
});
