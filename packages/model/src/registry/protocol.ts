// The application protocol of a service port, detected as Istio does (pkg/config/protocol and
// pkg/config/kube ConvertProtocol): Kubernetes `protocol: UDP` first, then `appProtocol`, else the port name's
// prefix before the first '-', case-insensitive. A port whose protocol cannot be told is `Unsupported`: Istio then
// sniffs the first bytes of each connection (HTTP or TCP) instead of trusting a declaration.

/** Istio's protocol names (protocol.Instance), spelled exactly as Istio spells them. */
export const MeshProtocol = {
  GRPC: 'GRPC',
  GRPCWeb: 'GRPC-Web',
  HTTP: 'HTTP',
  /** A generic outbound proxy port; only meaningful on Sidecar egress listeners. */
  HTTP_PROXY: 'HTTP_PROXY',
  HTTP2: 'HTTP2',
  HTTPS: 'HTTPS',
  TCP: 'TCP',
  /** TLS with SNI in the client hello. */
  TLS: 'TLS',
  /** Declared, but not proxied: Envoy sidecars do not capture UDP. */
  UDP: 'UDP',
  Mongo: 'Mongo',
  Redis: 'Redis',
  MySQL: 'MySQL',
  /** Not declared: the proxy sniffs the protocol (Istio's auto-detection). */
  Unsupported: 'UnsupportedProtocol',
} as const;
export type MeshProtocol = (typeof MeshProtocol)[keyof typeof MeshProtocol];

/** Lower-case names Istio's protocol.Parse accepts. */
const PARSE: ReadonlyMap<string, MeshProtocol> = new Map([
  ['tcp', MeshProtocol.TCP],
  ['udp', MeshProtocol.UDP],
  ['grpc', MeshProtocol.GRPC],
  ['grpc-web', MeshProtocol.GRPCWeb],
  ['http', MeshProtocol.HTTP],
  ['http_proxy', MeshProtocol.HTTP_PROXY],
  ['http2', MeshProtocol.HTTP2],
  ['https', MeshProtocol.HTTPS],
  ['tls', MeshProtocol.TLS],
  ['mongo', MeshProtocol.Mongo],
  ['redis', MeshProtocol.Redis],
  ['mysql', MeshProtocol.MySQL],
]);

/**
 * Kubernetes' standard appProtocol values (KEP-3726) that are not Istio names; they are honoured only in
 * appProtocol (a port name cannot contain '/').
 */
const KUBERNETES_APP_PROTOCOLS: ReadonlyMap<string, MeshProtocol> = new Map([
  ['kubernetes.io/h2c', MeshProtocol.HTTP2],
  ['kubernetes.io/ws', MeshProtocol.HTTP],
  ['kubernetes.io/wss', MeshProtocol.HTTPS],
]);

/**
 * Ports whose unnamed traffic is TCP rather than sniffed: the server speaks first on them (SMTP, DNS over TCP,
 * MySQL, MongoDB), so sniffing would wait for a client byte that never comes.
 */
export const SERVER_FIRST_PORTS: ReadonlySet<number> = new Set([25, 53, 3306, 27017]);

/** Istio's protocol.Parse: an exact protocol name, any case; anything else is `Unsupported`. */
export function parseProtocol(name: string | undefined): MeshProtocol {
  if (name === undefined) return MeshProtocol.Unsupported;
  return PARSE.get(name.toLowerCase()) ?? MeshProtocol.Unsupported;
}

/** The fields of a Kubernetes Service (or Endpoints) port that decide its protocol. */
export interface ProtocolSource {
  /** Port number, 1-65535. */
  readonly port: number;
  readonly name?: string | undefined;
  /** Kubernetes' transport protocol; TCP when absent. */
  readonly protocol?: 'TCP' | 'UDP' | 'SCTP' | undefined;
  readonly appProtocol?: string | undefined;
}

/**
 * Istio's ConvertProtocol for a Kubernetes port: UDP is UDP whatever the name; `appProtocol` (when set) replaces
 * the name; `kubernetes.io/h2c|ws|wss` map to HTTP2, HTTP, HTTPS; a `grpc-web` prefix is GRPC-Web; otherwise the
 * part before the first '-' is parsed. An unknown name on a server-first port is TCP, else `Unsupported`.
 */
export function detectProtocol(source: ProtocolSource): MeshProtocol {
  if (source.protocol === 'UDP') return MeshProtocol.UDP;
  let name = source.name ?? '';
  if (source.appProtocol !== undefined) {
    name = source.appProtocol;
    const standard = KUBERNETES_APP_PROTOCOLS.get(name);
    if (standard !== undefined) return standard;
  }
  if (name.toLowerCase().startsWith('grpc-web')) return MeshProtocol.GRPCWeb;
  const dash = name.indexOf('-');
  const prefix = dash < 0 ? name : name.slice(0, dash);
  const parsed = parseProtocol(prefix);
  if (parsed === MeshProtocol.Unsupported && SERVER_FIRST_PORTS.has(source.port)) return MeshProtocol.TCP;
  return parsed;
}

/** HTTP is the transport: HTTP, HTTP2, HTTP_PROXY, GRPC, GRPC-Web. */
export function isHttp(p: MeshProtocol): boolean {
  return (
    p === MeshProtocol.HTTP ||
    p === MeshProtocol.HTTP2 ||
    p === MeshProtocol.HTTP_PROXY ||
    p === MeshProtocol.GRPC ||
    p === MeshProtocol.GRPCWeb
  );
}

/** HTTP/2 is the transport: HTTP2, GRPC, GRPC-Web. */
export function isHttp2(p: MeshProtocol): boolean {
  return p === MeshProtocol.HTTP2 || p === MeshProtocol.GRPC || p === MeshProtocol.GRPCWeb;
}

/** HTTP, or undeclared and so possibly HTTP once sniffed. */
export function isHttpOrSniffed(p: MeshProtocol): boolean {
  return isHttp(p) || p === MeshProtocol.Unsupported;
}

/** Proxied as opaque TCP: TCP, HTTPS, TLS, Mongo, Redis, MySQL. */
export function isTcp(p: MeshProtocol): boolean {
  return (
    p === MeshProtocol.TCP ||
    p === MeshProtocol.HTTPS ||
    p === MeshProtocol.TLS ||
    p === MeshProtocol.Mongo ||
    p === MeshProtocol.Redis ||
    p === MeshProtocol.MySQL
  );
}

/** Carried over TLS: HTTPS, TLS. */
export function isTls(p: MeshProtocol): boolean {
  return p === MeshProtocol.HTTPS || p === MeshProtocol.TLS;
}

export function isHttps(p: MeshProtocol): boolean {
  return p === MeshProtocol.HTTPS;
}

export function isGrpc(p: MeshProtocol): boolean {
  return p === MeshProtocol.GRPC || p === MeshProtocol.GRPCWeb;
}

export function isUdp(p: MeshProtocol): boolean {
  return p === MeshProtocol.UDP;
}

/** Not declared: the proxy sniffs it. */
export function isUnsupported(p: MeshProtocol): boolean {
  return p === MeshProtocol.Unsupported;
}

/** The protocol seen once TLS is terminated: HTTPS -> HTTP, TLS -> TCP, others unchanged. */
export function afterTlsTermination(p: MeshProtocol): MeshProtocol {
  if (p === MeshProtocol.HTTPS) return MeshProtocol.HTTP;
  if (p === MeshProtocol.TLS) return MeshProtocol.TCP;
  return p;
}
