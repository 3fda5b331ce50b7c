// SDS references as istiod 1.30 writes them (pkg/model/authentication.go ConstructSdsSecretConfig): secrets come
// from the istio-agent's SDS server over the bootstrap cluster `sds-grpc`, not over ADS.
import type { DownstreamTlsContext } from '@minimesh/model';

/** The bootstrap cluster of the agent's SDS server. */
export const SDS_CLUSTER = 'sds-grpc';

type SdsSecretConfig = NonNullable<
  NonNullable<DownstreamTlsContext['common_tls_context']>['tls_certificate_sds_secret_configs']
>[number];

/** An SdsSecretConfig for secret `name` from `sds-grpc` (no initial fetch timeout). */
export function sdsSecretConfig(name: string): SdsSecretConfig {
  return {
    name,
    sds_config: {
      api_config_source: {
        api_type: 'GRPC',
        set_node_on_first_message_only: true,
        transport_api_version: 'V3',
        grpc_services: [{ envoy_grpc: { cluster_name: SDS_CLUSTER } }],
      },
      initial_fetch_timeout: { seconds: '0' },
      resource_api_version: 'V3',
    },
  };
}
