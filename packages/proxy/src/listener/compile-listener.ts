// A Listener compiled for serving: its address and port, whether it binds (bind_to_port false: a virtual
// listener, reached only through the forward proxy, as Envoy's outbound listeners are reached through 15001), its
// filter chains compiled with the model's matcher (matchFilterChain's compiled form), and per chain the compiled
// HttpConnectionManager or TcpProxy (the terminal filter); any other network filter is NACKed.
import type { FilterChain, Listener } from '@minimesh/model/xds';
import {
  type CompiledFilterChains,
  compileFilterChains,
  type HttpConnectionManager,
  type TcpProxy,
  TypeUrl,
} from '@minimesh/model/xds';
import { ConfigRejectedError, errorText } from '../errors.js';
import { boolValue } from '../util/proto-values.js';
import { type CompiledHcm, compileHcm, type HcmDeps } from './http-connection-manager.js';
import { type CompiledTcpProxy, compileTcpProxy } from './tcp-proxy.js';
import { type CompiledTlsInspector, compileTlsInspector } from './tls-inspector.js';

export interface CompiledChain {
  readonly name: string;
  /** The HTTP connection manager, for an HTTP chain. */
  readonly hcm: CompiledHcm | undefined;
  /** The TCP proxy, for a chain ending in tcp_proxy. */
  readonly tcp: CompiledTcpProxy | undefined;
}

export interface CompiledListener {
  readonly name: string;
  readonly listener: Listener;
  readonly address: string;
  readonly port: number;
  readonly bindToPort: boolean;
  /** Listener.use_original_dst (Istio's virtualOutbound, 15001). */
  readonly useOriginalDst: boolean;
  readonly chains: CompiledFilterChains;
  /** By the FilterChain object the matcher returns. */
  readonly byChain: ReadonlyMap<FilterChain, CompiledChain>;
  /** RDS names the listener's connection managers read. */
  readonly rdsNames: readonly string[];
  /** The tls_inspector listener filter (SNI, ALPN and "tls" for chain matching), when configured. */
  readonly tlsInspector: CompiledTlsInspector | undefined;
}

const LISTENER_FILTERS: ReadonlySet<string> = new Set([
  TypeUrl.TLS_INSPECTOR,
  TypeUrl.HTTP_INSPECTOR,
  TypeUrl.ORIGINAL_DST,
]);

function compileChain(fc: FilterChain, at: string, owner: string, deps: HcmDeps): CompiledChain {
  const filters = fc.filters ?? [];
  if (fc.transport_socket !== undefined && fc.transport_socket !== null) {
    const t = (fc.transport_socket.typed_config as { '@type'?: string } | undefined)?.['@type'];
    // A chain that terminates TLS for connections the tls_inspector detects as TLS (Istio's permissive inbound)
    // is accepted, but the proxy terminates no TLS: a connection that selects it is closed.
    if (t !== TypeUrl.RAW_BUFFER && fc.filter_chain_match?.transport_protocol === 'tls') {
      return { name: fc.name ?? '', hcm: undefined, tcp: undefined };
    }
    if (t !== TypeUrl.RAW_BUFFER) {
      throw new ConfigRejectedError(
        'Listener',
        owner,
        `${at}.transport_socket ${t ?? ''} is not supported (no TLS yet)`,
      );
    }
  }
  let hcm: CompiledHcm | undefined;
  let tcp: CompiledTcpProxy | undefined;
  filters.forEach((f, i) => {
    const type = (f.typed_config as { '@type'?: string } | undefined)?.['@type'];
    const last = i === filters.length - 1;
    if (type === TypeUrl.HTTP_CONNECTION_MANAGER && last) {
      try {
        hcm = compileHcm(f.typed_config as HttpConnectionManager, owner, deps);
      } catch (err) {
        if (err instanceof ConfigRejectedError) {
          throw new ConfigRejectedError(
            'Listener',
            owner,
            `${at}.filters[${i}]: ${err.message.replace(/^Listener "[^"]*": /, '')}`,
            { cause: err },
          );
        }
        throw new ConfigRejectedError('Listener', owner, `${at}.filters[${i}]: ${errorText(err)}`, {
          cause: err,
        });
      }
    } else if (type === TypeUrl.TCP_PROXY && last) {
      tcp = compileTcpProxy(f.typed_config as TcpProxy, owner);
    } else {
      throw new ConfigRejectedError(
        'Listener',
        owner,
        `${at}.filters[${i}] "${f.name ?? ''}": unsupported network filter ${type ?? '(none)'}`,
      );
    }
  });
  if (filters.length === 0) throw new ConfigRejectedError('Listener', owner, `${at}: no network filters`);
  return { name: fc.name ?? '', hcm, tcp };
}

/** Compiles `listener`; throws ConfigRejectedError naming the listener and the field. */
export function compileListener(listener: Listener, deps: HcmDeps): CompiledListener {
  const name = listener.name ?? '';
  const sa = listener.address?.socket_address;
  if (sa === undefined || sa === null) {
    throw new ConfigRejectedError('Listener', name, 'only socket_address listeners are supported');
  }
  if (String(sa.protocol ?? 'TCP') !== 'TCP')
    throw new ConfigRejectedError('Listener', name, 'only TCP listeners are supported');
  for (const [i, lf] of (listener.listener_filters ?? []).entries()) {
    const t = (lf.typed_config as { '@type'?: string } | undefined)?.['@type'] ?? '';
    if (!LISTENER_FILTERS.has(t)) {
      throw new ConfigRejectedError(
        'Listener',
        name,
        `listener_filters[${i}] "${lf.name ?? ''}": unsupported type ${t}`,
      );
    }
  }
  let chains: CompiledFilterChains;
  try {
    chains = compileFilterChains(listener);
  } catch (err) {
    throw new ConfigRejectedError('Listener', name, errorText(err), { cause: err });
  }
  const byChain = new Map<FilterChain, CompiledChain>();
  for (const [i, fc] of (listener.filter_chains ?? []).entries()) {
    byChain.set(fc, compileChain(fc, `filter_chains[${i}]`, name, deps));
  }
  if (listener.default_filter_chain !== undefined && listener.default_filter_chain !== null) {
    byChain.set(
      listener.default_filter_chain,
      compileChain(listener.default_filter_chain, 'default_filter_chain', name, deps),
    );
  }
  const rdsNames = [
    ...new Set([...byChain.values()].flatMap((c) => (c.hcm?.rdsName === undefined ? [] : [c.hcm.rdsName]))),
  ].sort();
  return {
    name,
    listener,
    address: sa.address ?? '0.0.0.0',
    port: sa.port_value ?? 0,
    bindToPort: boolValue(listener.bind_to_port, true),
    useOriginalDst: boolValue(listener.use_original_dst, false),
    chains,
    byChain,
    rdsNames,
    tlsInspector: compileTlsInspector(listener, name),
  };
}
