// TLS for proxyless gRPC (istiod 1.30 grpcgen.go buildCommonTLSContext): gRPC reads certificates from its bootstrap's
// certificate provider `default` (the files istio-agent writes), never from SDS. istiod 1.30 sends both the current
// fields (tls_certificate_provider_instance, ca_certificate_provider_instance; gRPC >= 1.66) and the deprecated ones
// (tls_certificate_certificate_provider_instance, validation_context_certificate_provider_instance) for older clients.
import {
  anyOf,
  type CommonTlsContext,
  type DownstreamTlsContext,
  TypeUrl,
  type UpstreamTlsContext,
} from '@minimesh/model';
import { TRANSPORT_SOCKET_TLS } from '../cluster/cluster-names.js';
import { SDS_DEFAULT, SDS_ROOT_CA } from '../naming.js';

/** The certificate provider instance name istio-agent's gRPC bootstrap defines. */
export const GRPC_CERT_PROVIDER_INSTANCE = 'default';

/** The common TLS context gRPC reads: workload certificate `default`, roots `ROOTCA`, SANs matched exactly. */
export function grpcCommonTlsContext(sans: readonly string[]): CommonTlsContext {
  const cert = { instance_name: GRPC_CERT_PROVIDER_INSTANCE, certificate_name: SDS_DEFAULT };
  const ca = { instance_name: GRPC_CERT_PROVIDER_INSTANCE, certificate_name: SDS_ROOT_CA };
  return {
    tls_certificate_provider_instance: cert,
    tls_certificate_certificate_provider_instance: cert,
    combined_validation_context: {
      validation_context_certificate_provider_instance: ca,
      default_validation_context: {
        ...(sans.length > 0 ? { match_subject_alt_names: sans.map((s) => ({ exact: s })) } : {}),
        ca_certificate_provider_instance: ca,
      },
    },
  };
}

/** The transport socket of an ISTIO_MUTUAL gRPC cluster; gRPC requires exactly this socket name. */
export function grpcUpstreamTlsSocket(sans: readonly string[]): {
  name: string;
  typed_config: ReturnType<typeof anyOf>;
} {
  const ctx: UpstreamTlsContext = { common_tls_context: grpcCommonTlsContext(sans) };
  return { name: TRANSPORT_SOCKET_TLS, typed_config: anyOf(TypeUrl.UPSTREAM_TLS_CONTEXT, ctx) };
}

/**
 * The transport socket of an mTLS gRPC server chain: client certificates required and no SAN check, as istiod 1.30's
 * grpcgen writes it (gRPC servers do not support match_subject_alt_names in the validation context).
 */
export function grpcDownstreamTlsSocket(): { name: string; typed_config: ReturnType<typeof anyOf> } {
  const ctx: DownstreamTlsContext = {
    common_tls_context: grpcCommonTlsContext([]),
    require_client_certificate: { value: true },
  };
  return { name: TRANSPORT_SOCKET_TLS, typed_config: anyOf(TypeUrl.DOWNSTREAM_TLS_CONTEXT, ctx) };
}
