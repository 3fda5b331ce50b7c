// The `tls` of a traffic policy, and auto mTLS, -> the cluster's transport socket (istiod's
// buildUpstreamTLSSettings, buildUpstreamClusterTLSContext, constructUpstreamTLS, applyUpstreamTLSSettings).
// With no `tls` in the DestinationRule, a service inside the mesh whose mTLS mode is not DISABLE gets Istio mTLS
// through transport_socket_matches: endpoints whose metadata says `tlsMode: istio` get mTLS, the rest plaintext.
import { anyOf, type ClientTLSSettings, TypeUrl, type UpstreamTlsContext } from '@minimesh/model';
import { SDS_DEFAULT, SDS_ROOT_CA, sdsSecretName } from '../naming.js';
import { type ClusterDraft, isHttp2Draft } from './cluster-draft.js';
import {
  ALPN_H2_ONLY,
  ALPN_IN_MESH,
  ALPN_IN_MESH_H2,
  TLS_MODE_DISABLED_MATCH,
  TLS_MODE_ISTIO,
  TLS_MODE_ISTIO_MATCH,
  TLS_MODE_KEY,
  TRANSPORT_SOCKET_RAW_BUFFER,
  TRANSPORT_SOCKET_TLS,
} from './cluster-names.js';
import { fileCertResourceName, fileRootResourceName, sdsSecretConfig } from './sds-config.js';
import { structOf } from './xds-values.js';

/** Istio's inferred mTLS mode of a service (BestEffortInferServiceMTLSMode). */
export type ServiceMtlsMode = 'unknown' | 'disable' | 'permissive' | 'strict';

export interface UpstreamTlsOptions {
  /** The `tls` of the effective traffic policy, if any. */
  readonly tls: ClientTLSSettings | undefined;
  /** SPIFFE identities of the service's workloads (ISTIO_MUTUAL's default subject alt names). */
  readonly serviceAccounts: readonly string[];
  /** Istio's mTLS SNI of the cluster (`outbound_.9080_._.reviews...`). */
  readonly istioMtlsSni: string;
  readonly autoMtls: boolean;
  readonly meshExternal: boolean;
  /** True for ServiceEntry services (SIMPLE/MUTUAL default their SANs to the entry's subjectAltNames). */
  readonly fromServiceEntry: boolean;
  readonly mtlsMode: ServiceMtlsMode;
  /** A sidecar may not read Kubernetes secrets (credentialName) unless the rule has a workloadSelector. */
  readonly sidecar: boolean;
  readonly drWithSelector: boolean;
  /** Namespace credentialName secrets are read from (the proxy's). */
  readonly credentialNamespace: string;
}

type Settings = ClientTLSSettings & { mode: NonNullable<ClientTLSSettings['mode']> };

/** The TLS settings in effect and whether auto mTLS chose them (buildUpstreamTLSSettings). */
function upstreamTlsSettings(o: UpstreamTlsOptions): { tls?: Settings; auto: boolean } {
  const tls = o.tls;
  if (tls !== undefined) {
    const mode = tls.mode ?? 'DISABLE';
    if (mode !== 'ISTIO_MUTUAL') return { tls: { ...tls, mode }, auto: false };
    return {
      tls: {
        mode,
        subjectAltNames: tls.subjectAltNames ?? [...o.serviceAccounts],
        sni: tls.sni || o.istioMtlsSni,
        ...(tls.insecureSkipVerify == null ? {} : { insecureSkipVerify: tls.insecureSkipVerify }),
      },
      auto: false,
    };
  }
  if (o.meshExternal || !o.autoMtls || o.mtlsMode === 'unknown' || o.mtlsMode === 'disable')
    return { auto: false };
  return {
    tls: { mode: 'ISTIO_MUTUAL', subjectAltNames: [...o.serviceAccounts], sni: o.istioMtlsSni },
    auto: true,
  };
}

function exactMatchers(names: readonly string[] | undefined) {
  return names === undefined || names.length === 0
    ? {}
    : { match_subject_alt_names: names.map((exact) => ({ exact })) };
}

function defaultCommonTlsContext(): NonNullable<UpstreamTlsContext['common_tls_context']> {
  return { tls_params: { tls_minimum_protocol_version: 'TLSv1_2', tls_maximum_protocol_version: 'TLSv1_3' } };
}

/**
 * The UpstreamTlsContext, undefined for DISABLE and for a sidecar's credentialName (which it may not read), or
 * an error sentence when the settings cannot work (MUTUAL without certificate or key).
 */
function upstreamTlsContext(
  draft: ClusterDraft,
  tls: Settings,
  o: UpstreamTlsOptions,
): UpstreamTlsContext | string | undefined {
  const credential = tls.credentialName ?? '';
  const privileged = credential !== '' && !credential.startsWith('configmap://');
  if (privileged && o.sidecar && !o.drWithSelector && (tls.mode === 'SIMPLE' || tls.mode === 'MUTUAL'))
    return undefined;
  if (tls.mode === 'DISABLE') return undefined;
  const common = defaultCommonTlsContext();
  if (tls.mode === 'ISTIO_MUTUAL') {
    common.tls_certificate_sds_secret_configs = [sdsSecretConfig(SDS_DEFAULT)];
    common.combined_validation_context = {
      default_validation_context: exactMatchers(tls.subjectAltNames),
      validation_context_sds_secret_config: sdsSecretConfig(SDS_ROOT_CA),
    };
    common.alpn_protocols = [...(isHttp2Draft(draft) ? ALPN_IN_MESH_H2 : ALPN_IN_MESH)];
    return { common_tls_context: common, sni: tls.sni || (draft.cluster.name ?? '') };
  }
  // SIMPLE and MUTUAL.
  setAutoSniAndSanValidation(draft, tls);
  const sans =
    o.fromServiceEntry && (tls.subjectAltNames ?? []).length === 0
      ? [...o.serviceAccounts]
      : tls.subjectAltNames;
  const skipVerify = tls.insecureSkipVerify === true;
  if (credential !== '') {
    if (tls.mode === 'MUTUAL')
      common.tls_certificate_sds_secret_configs = [sdsSecretConfig(sdsSecretName(credential))];
    if (!skipVerify)
      common.combined_validation_context = {
        default_validation_context: exactMatchers(sans),
        validation_context_sds_secret_config: sdsSecretConfig(sdsSecretName(`${credential}-cacert`)),
      };
  } else {
    if (tls.mode === 'MUTUAL') {
      if (!tls.clientCertificate || !tls.privateKey)
        return `client certificate and private key must not be empty for MUTUAL TLS to ${draft.cluster.name}`;
      common.tls_certificate_sds_secret_configs = [
        sdsSecretConfig(fileCertResourceName(tls.clientCertificate, tls.privateKey)),
      ];
    }
    if (skipVerify) common.validation_context = {};
    else
      common.combined_validation_context = {
        default_validation_context: {
          ...exactMatchers(sans),
          ...(tls.caCrl ? { crl: { filename: tls.caCrl } } : {}),
        },
        validation_context_sds_secret_config: sdsSecretConfig(
          fileRootResourceName(tls.caCertificates || 'system'),
        ),
      };
  }
  if (isHttp2Draft(draft)) common.alpn_protocols = [...ALPN_H2_ONLY];
  return { common_tls_context: common, ...(tls.sni ? { sni: tls.sni } : {}) };
}

/** Without sni, Envoy sets SNI (and, without SANs either, verifies the certificate) from the Host header. */
function setAutoSniAndSanValidation(draft: ClusterDraft, tls: Settings): void {
  const autoSni = !tls.sni;
  const autoSan = autoSni && (tls.subjectAltNames ?? []).length === 0 && tls.insecureSkipVerify !== true;
  if (!autoSni && !autoSan) return;
  draft.http ??= {};
  draft.http.upstream_http_protocol_options ??= {};
  const upstream = draft.http.upstream_http_protocol_options;
  if (autoSni) upstream.auto_sni = true;
  if (autoSan) upstream.auto_san_validation = true;
}

/**
 * Sets the transport socket (or, for auto mTLS, the two transport_socket_matches) of the cluster. Returns an
 * error sentence when the user's TLS settings cannot be applied (the cluster is then left without TLS, as
 * istiod does).
 */
export function applyUpstreamTls(draft: ClusterDraft, o: UpstreamTlsOptions): string | undefined {
  const { tls, auto } = upstreamTlsSettings(o);
  if (tls === undefined) return undefined;
  const context = upstreamTlsContext(draft, tls, o);
  if (typeof context === 'string') return context;
  const c = draft.cluster;
  const socket =
    context === undefined
      ? undefined
      : { name: TRANSPORT_SOCKET_TLS, typed_config: anyOf(TypeUrl.UPSTREAM_TLS_CONTEXT, context) };
  if (socket !== undefined) c.transport_socket = socket;
  // ORIGINAL_DST clusters cannot match endpoint metadata: they keep the plain socket (istiod: same).
  if (auto && socket !== undefined && c.type !== 'ORIGINAL_DST') {
    delete c.transport_socket;
    c.transport_socket_matches = [
      {
        name: TLS_MODE_ISTIO_MATCH,
        match: structOf({ [TLS_MODE_KEY]: TLS_MODE_ISTIO }),
        transport_socket: socket,
      },
      {
        name: TLS_MODE_DISABLED_MATCH,
        match: {},
        transport_socket: { name: TRANSPORT_SOCKET_RAW_BUFFER, typed_config: anyOf(TypeUrl.RAW_BUFFER, {}) },
      },
    ];
  }
  return undefined;
}
