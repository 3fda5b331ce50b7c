// Listener test helpers: strict encoding, filter configs, and which chain a connection takes (the model's
// matchFilterChain), named `<chain>-><RDS name | cluster | inline>` plus ` (TLS)` when the chain terminates TLS;
// the default chain is named `default`.
import {
  encode,
  type HttpConnectionManager,
  type Listener,
  matchFilterChain,
  type TcpProxy,
} from '@minimesh/model';
import { expect } from 'vitest';

export const MYSQL = `apiVersion: v1
kind: Service
metadata: { name: mysql, namespace: default }
spec: { clusterIP: 10.96.0.12, ports: [{ port: 3306, name: tcp }], selector: { app: mysql } }
`;

export function expectEncodable(ls: readonly Listener[]): void {
  for (const l of ls) expect(() => encode('envoy.config.listener.v3.Listener', l)).not.toThrow();
}

/** The typed config of the first network filter of a chain, as the codec's input form. */
export function filterConfig<T>(l: Listener | undefined, chain = 0): T & { '@type': string } {
  const f = l?.filter_chains?.[chain]?.filters?.[0];
  return f?.typed_config as unknown as T & { '@type': string };
}

export const byName = (ls: readonly Listener[], name: string) => ls.find((l) => l.name === name);

/** Which chain a connection takes, by name, and where its first filter sends it (RDS name or cluster). */
export function connect(
  l: Listener | undefined,
  conn: { port: number; ip?: string; sni?: string; tls?: boolean; alpn?: string[] },
): string {
  if (l === undefined) return 'no listener';
  // A listener with an HTTP inspector sniffs: plaintext connections are HTTP/1.1 unless `alpn` says otherwise.
  const sniffs = (l.listener_filters ?? []).some((f) => f.name === 'envoy.filters.listener.http_inspector');
  const alpn =
    conn.alpn ?? (sniffs && conn.sni === undefined && conn.tls !== true ? ['http/1.1'] : undefined);
  const r = matchFilterChain(l, {
    destinationPort: conn.port,
    destinationIp: conn.ip ?? '10.0.0.1',
    sourceIp: '10.0.0.50',
    sourcePort: 40000,
    ...(conn.sni === undefined ? {} : { serverName: conn.sni, transportProtocol: 'tls' }),
    ...(conn.tls === true ? { transportProtocol: 'tls' } : {}),
    ...(alpn === undefined || alpn.length === 0 ? {} : { applicationProtocols: alpn }),
  });
  const chain = r.matched;
  if (chain === undefined || chain === null) return 'no chain';
  const cfg = chain.filters?.[0]?.typed_config as unknown as HttpConnectionManager & TcpProxy;
  const tls = chain.transport_socket ? ' (TLS)' : '';
  return `${r.isDefault ? 'default' : (chain.name ?? '')}->${cfg.rds?.route_config_name ?? cfg.cluster ?? 'inline'}${tls}`;
}
