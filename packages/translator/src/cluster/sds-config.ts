// SDS secret configs of upstream TLS contexts, as istiod writes them (pkg/model ConstructSdsSecretConfig): every
// secret is fetched from the agent's SDS server over the bootstrap cluster `sds-grpc`; the workload certificate
// (`default`) and root CA (`ROOTCA`) also get initial_fetch_timeout 0s, so Envoy waits for them forever.
import { SDS_DEFAULT, SDS_ROOT_CA } from '../naming.js';
import { SDS_CLUSTER_NAME } from './cluster-names.js';

type SdsSecretConfig = {
  name: string;
  sds_config: {
    api_config_source: {
      api_type: 'GRPC';
      set_node_on_first_message_only: true;
      transport_api_version: 'V3';
      grpc_services: { envoy_grpc: { cluster_name: string } }[];
    };
    initial_fetch_timeout?: Record<string, never>;
    resource_api_version: 'V3';
  };
};

/** The SDS config of the secret `name` (`default`, `ROOTCA`, `file-root:system`, `kubernetes://...`). */
export function sdsSecretConfig(name: string): SdsSecretConfig {
  const waitForever = name === SDS_DEFAULT || name === SDS_ROOT_CA;
  return {
    name,
    sds_config: {
      api_config_source: {
        api_type: 'GRPC',
        set_node_on_first_message_only: true,
        transport_api_version: 'V3',
        grpc_services: [{ envoy_grpc: { cluster_name: SDS_CLUSTER_NAME } }],
      },
      ...(waitForever ? { initial_fetch_timeout: {} } : {}),
      resource_api_version: 'V3',
    },
  };
}

/** SDS name of a client certificate and key read from files: `file-cert:<cert>~<key>`. */
export function fileCertResourceName(certificate: string, privateKey: string): string {
  return `file-cert:${certificate}~${privateKey}`;
}

/** SDS name of a CA bundle read from a file: `file-root:<path>`; `file-root:system` is the system's CAs. */
export function fileRootResourceName(caCertificates: string): string {
  return `file-root:${caCertificates}`;
}
