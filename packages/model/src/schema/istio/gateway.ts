// Gateway (networking.istio.io): the listeners (servers) of an edge proxy selected by labels. Istio's rules
// (ValidateGateway, validateServer, validateServerPort, validateServerBind): a DNS-1123 name, at least one
// server, hosts as `[namespace/]dnsName`, known protocols, ports, unix-socket binds, TLS only on TLS ports
// (plain HTTP may only redirect), unique port names.
import { z } from 'zod';
import { resourceEnvelope, stringMap } from '../common.js';
import { defineKind } from '../kind-definition.js';
import {
  isDns1123Label,
  isHttpProtocol,
  isIpAddress,
  isKnownProtocol,
  isTlsProtocol,
  namespacedHostProblem,
  PROTOCOL_NAMES,
  UNIX_PREFIX,
  unixAddressProblem,
} from './names.js';
import { NETWORKING_GROUP, NETWORKING_VERSIONS, whenParsed } from './networking-common.js';
import { serverPort, serverTlsSettings } from './server-tls.js';

/** Server: one listener: port, bind address, the hosts it serves, TLS. */
export const server = z
  .strictObject({
    port: serverPort,
    /** IP or `unix://path` to listen on (port number 0 for a socket). */
    bind: z.string().optional(),
    /** `dnsName` or `namespace/dnsName` (namespace `*` or `.`); `*` serves all. */
    hosts: z.array(z.string()).min(1, { message: 'expected at least one host' }),
    tls: serverTlsSettings.optional(),
    /** Deprecated upstream; unused by gateways. */
    defaultEndpoint: z.string().optional(),
    /** A name for the server, unique in the Gateway (used in stats). */
    name: z.string().optional(),
  })
  .superRefine(
    (s, ctx) => {
      s.hosts.forEach((host, i) => {
        const problem = namespacedHostProblem(host, { gateway: true });
        if (problem !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['hosts', i],
            message: `expected a host "*", "bookinfo.com", "*.example.com" or "namespace/host": ${problem}, got ${JSON.stringify(host)}`,
          });
      });
      const { port } = s;
      const bind = s.bind ?? '';
      let portValid = true;
      const issue = (path: (string | number)[], message: string) => {
        if (path[0] === 'port') portValid = false;
        ctx.addIssue({ code: 'custom', path, message });
      };
      if (!isKnownProtocol(port.protocol))
        issue(
          ['port', 'protocol'],
          `expected a protocol (${PROTOCOL_NAMES}), got ${JSON.stringify(port.protocol)}`,
        );
      if ((port.number > 0 || !bind.startsWith(UNIX_PREFIX)) && (port.number < 1 || port.number > 65535))
        issue(['port', 'number'], `expected a port number from 1 to 65535, got ${port.number}`);
      if (port.targetPort)
        issue(['port', 'targetPort'], 'expected no targetPort: it has no effect on Gateways');
      if (port.name === '') issue(['port', 'name'], 'expected a port name');
      if (bind.startsWith(UNIX_PREFIX)) {
        const problem = unixAddressProblem(bind.slice(UNIX_PREFIX.length));
        if (problem !== undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['bind'],
            message: `expected a unix socket path: ${problem}`,
          });
        if (port.number !== 0)
          ctx.addIssue({
            code: 'custom',
            path: ['port', 'number'],
            message: 'expected port number 0 for a unix socket bind',
          });
      } else if (bind !== '' && !isIpAddress(bind))
        ctx.addIssue({
          code: 'custom',
          path: ['bind'],
          message: `expected an IP address or unix:// path, got ${JSON.stringify(bind)}`,
        });
      if (!portValid) return;
      const tls = s.tls;
      if (isTlsProtocol(port.protocol) && tls === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['tls'],
          message: `expected tls settings on a ${port.protocol} server`,
        });
      else if (!isTlsProtocol(port.protocol) && tls !== undefined) {
        const passthrough =
          tls.mode === undefined || tls.mode === 'PASSTHROUGH' || tls.mode === 'AUTO_PASSTHROUGH';
        const certs = Boolean(tls.caCertificates || tls.privateKey || tls.serverCertificate);
        if (!isHttpProtocol(port.protocol))
          ctx.addIssue({
            code: 'custom',
            path: ['tls'],
            message: `expected no tls settings on a ${port.protocol} server (only HTTPS and TLS)`,
          });
        else if (!passthrough || certs)
          ctx.addIssue({
            code: 'custom',
            path: ['tls'],
            message: 'expected only httpsRedirect in tls settings of a plain HTTP server',
          });
      }
    },
    whenParsed('hosts', 'port', 'bind', 'tls'),
  );
export type Server = z.infer<typeof server>;

const gatewaySpecShape = z.strictObject({
  servers: z.array(server).min(1, { message: 'expected at least one server' }),
  /** Labels of the gateway pods (`istio: ingressgateway`); in any namespace unless istiod restricts it. */
  selector: stringMap.optional(),
});

export const gatewaySpec = gatewaySpecShape.superRefine((g, ctx) => {
  const names = new Map<string, number>();
  g.servers.forEach((s, i) => {
    const first = names.get(s.port.name);
    if (first !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['servers', i, 'port', 'name'],
        message: `expected port names unique among servers, "${s.port.name}" is also servers[${first}]`,
      });
    else names.set(s.port.name, i);
  });
}, whenParsed('servers'));
export type GatewaySpec = z.infer<typeof gatewaySpec>;

export const gatewaySchema = resourceEnvelope(gatewaySpec).superRefine((g, ctx) => {
  // VirtualServices refer to gateways as `namespace/name`: the name is a DNS-1123 label (no dots).
  const name = g.metadata.name;
  if (name !== undefined && !isDns1123Label(name))
    ctx.addIssue({
      code: 'custom',
      path: ['metadata', 'name'],
      message: `expected a gateway name that is a DNS-1123 label (no dots), got ${JSON.stringify(name)}`,
    });
});
export type Gateway = z.infer<typeof gatewaySchema>;

export const gatewayKind = defineKind({
  group: NETWORKING_GROUP,
  kind: 'Gateway',
  versions: NETWORKING_VERSIONS,
  namespaced: true,
  schema: gatewaySchema,
});
