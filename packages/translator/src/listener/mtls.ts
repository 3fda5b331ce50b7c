// Inbound mutual TLS (istiod 1.30 security/authn, filterchain_options.go): the PeerAuthentication mode of a
// workload port and the filter chain matches and DownstreamTlsContext istiod derives from it. Mode precedence: the
// workload's policy (selector in its namespace), then its namespace's (no selector), then the mesh's (root
// namespace, no selector); UNSET inherits; portLevelMtls (workload policies only) overrides per target port.
// Without any policy the mode is PERMISSIVE.
import type { DownstreamTlsContext, LoadedResource, PeerAuthentication } from '@minimesh/model';
import { SDS_DEFAULT, SDS_ROOT_CA } from '../naming.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import { sdsSecretConfig } from './sds.js';

export type MtlsMode = 'STRICT' | 'PERMISSIVE' | 'DISABLE';

type Mode = 'STRICT' | 'PERMISSIVE' | 'DISABLE' | 'UNSET' | undefined;
const decided = (m: Mode): m is MtlsMode => m !== undefined && m !== 'UNSET';

/** The effective mode of each port is computed from these three policies (first of each, namespace/name order). */
export interface PeerAuthenticationScope {
  readonly workload?: LoadedResource<PeerAuthentication>;
  readonly namespace?: LoadedResource<PeerAuthentication>;
  readonly mesh?: LoadedResource<PeerAuthentication>;
}

export function peerAuthenticationScope(proxy: MeshProxy, push: PushContext): PeerAuthenticationScope {
  const root = push.mesh.rootNamespace;
  const all = push.registry.peerAuthenticationsFor(proxy.namespace, proxy.labels);
  const hasSelector = (p: LoadedResource<PeerAuthentication>) =>
    Object.keys(p.object.spec?.selector?.matchLabels ?? {}).length > 0;
  const workload = all.find((p) => p.namespace === proxy.namespace && hasSelector(p));
  const namespace =
    proxy.namespace === root
      ? undefined
      : all.find((p) => p.namespace === proxy.namespace && !hasSelector(p));
  const mesh = all.find((p) => p.namespace === root && !hasSelector(p));
  return {
    ...(workload ? { workload } : {}),
    ...(namespace ? { namespace } : {}),
    ...(mesh ? { mesh } : {}),
  };
}

/** The mode of a workload (target) port. */
export function mtlsModeFor(scope: PeerAuthenticationScope, port: number): MtlsMode {
  const portMode: Mode = scope.workload?.object.spec?.portLevelMtls?.[String(port)]?.mode;
  if (decided(portMode)) return portMode;
  for (const p of [scope.workload, scope.namespace, scope.mesh]) {
    const m: Mode = p?.object.spec?.mtls?.mode;
    if (decided(m)) return m;
  }
  return 'PERMISSIVE';
}

/** ALPNs istio clients offer over mTLS (allIstioMtlsALPNs). */
export const ISTIO_MTLS_ALPNS = [
  'istio',
  'istio-peer-exchange',
  'istio-http/1.0',
  'istio-http/1.1',
  'istio-h2',
];

/** Istio's SupportedCiphers for mesh mTLS. */
const CIPHERS = [
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'AES256-GCM-SHA384',
  'AES128-GCM-SHA256',
];

/** istiod BuildInboundTLS: the workload certificate, client certificates required and checked against ROOTCA. */
export function inboundTlsContext(http: boolean): DownstreamTlsContext {
  return {
    common_tls_context: {
      // TCP chains also offer istio-peer-exchange (metadata exchange).
      alpn_protocols: http ? ['h2', 'http/1.1'] : ['istio-peer-exchange', 'h2', 'http/1.1'],
      tls_params: {
        tls_minimum_protocol_version: 'TLSv1_2',
        tls_maximum_protocol_version: 'TLSv1_3',
        cipher_suites: CIPHERS,
      },
      tls_certificate_sds_secret_configs: [sdsSecretConfig(SDS_DEFAULT)],
      combined_validation_context: {
        default_validation_context: {},
        validation_context_sds_secret_config: sdsSecretConfig(SDS_ROOT_CA),
      },
    },
    require_client_certificate: { value: true },
  };
}

/** The listener protocol of an inbound port: HTTP, TCP, or sniffed (both, told apart by ALPN). */
export type InboundKind = 'http' | 'tcp' | 'auto';

/** One inbound chain variant: how it matches, which filters it runs, and whether it terminates mTLS. */
export interface ChainVariant {
  readonly transportProtocol: 'tls' | 'raw_buffer';
  readonly applicationProtocols?: readonly string[];
  readonly terminateTls: boolean;
  readonly protocol: 'http' | 'tcp';
}

/** ALPNs of Istio HTTP clients over mTLS (mtlsHTTPALPNs). */
const MTLS_HTTP_ALPNS = ['istio-http/1.0', 'istio-http/1.1', 'istio-h2'];
/** ALPNs of Istio TCP clients over mTLS with metadata exchange (mtlsTCPWithMxcALPNs). */
const MTLS_TCP_ALPNS = ['istio-peer-exchange', 'istio'];
/** What the HTTP inspector sets for plaintext HTTP (plaintextHTTPALPNs, HTTP/1.0 off). */
const PLAINTEXT_HTTP_ALPNS = ['http/1.1', 'h2c'];

function v(
  transportProtocol: 'tls' | 'raw_buffer',
  protocol: 'http' | 'tcp',
  terminateTls: boolean,
  alpns?: readonly string[],
): ChainVariant {
  return { transportProtocol, protocol, terminateTls, ...(alpns ? { applicationProtocols: alpns } : {}) };
}

/** istiod getFilterChainMatchOptions (filterchain_options.go) for a port's mode and protocol, in istiod's order. */
export function chainVariants(mode: MtlsMode, kind: InboundKind): ChainVariant[] {
  if (kind === 'http') {
    if (mode === 'STRICT') return [v('tls', 'http', true)];
    if (mode === 'DISABLE') return [v('raw_buffer', 'http', false)];
    return [v('tls', 'http', true, ISTIO_MTLS_ALPNS), v('raw_buffer', 'http', false)];
  }
  if (kind === 'tcp') {
    if (mode === 'STRICT') return [v('tls', 'tcp', true)];
    if (mode === 'DISABLE') return [v('raw_buffer', 'tcp', false)];
    // PERMISSIVE TCP also passes other TLS through untouched (the application terminates it).
    return [v('tls', 'tcp', true, ISTIO_MTLS_ALPNS), v('tls', 'tcp', false), v('raw_buffer', 'tcp', false)];
  }
  if (mode === 'STRICT') return [v('tls', 'http', true, MTLS_HTTP_ALPNS), v('tls', 'tcp', true)];
  if (mode === 'DISABLE')
    return [v('raw_buffer', 'http', false, PLAINTEXT_HTTP_ALPNS), v('raw_buffer', 'tcp', false)];
  return [
    v('tls', 'http', true, MTLS_HTTP_ALPNS),
    v('raw_buffer', 'http', false, PLAINTEXT_HTTP_ALPNS),
    v('tls', 'tcp', true, MTLS_TCP_ALPNS),
    v('raw_buffer', 'tcp', false),
    v('tls', 'tcp', false),
  ];
}
