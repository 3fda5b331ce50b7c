// SDS for one proxy (istiod 1.30 pilot/pkg/xds/sds.go SecretGen): a `Secret` resource for each `kubernetes://`
// name the proxy's listeners and clusters reference (secret-refs.ts), read from the Kubernetes Secret of that name
// as istiod reads it (credentials.ts). As in istiod:
// - `kubernetes://name` is read from the proxy's namespace; `kubernetes://ns/name` names its namespace, and a
//   Secret outside the proxy's namespace is refused (filterAuthorizedResources);
// - a name ending in `-cacert` is CA-only: the Secret `<name>-cacert`, else `<name>`, read for cacert / ca.crt,
//   sent as a validation_context; any other name is a tls_certificate (chain, key, OCSP staple).
// Differences, on purpose: istiod only logs a certificate that does not parse and sends it anyway (Envoy then
// rejects the update); here it becomes a message placed at the Secret's key and no secret is sent, which leaves the
// listener or cluster waiting for it exactly as a missing Secret does. Listeners and clusters still translate.
import type { Cluster, KubernetesSecret, Listener, LoadedResource, Secret } from '@minimesh/model';
import { buildClusters } from '../cluster/build-clusters.js';
import { buildListeners } from '../listener/build-listeners.js';
import { MessageCode, MessageSink } from '../messages.js';
import type { MeshProxy } from '../proxy.js';
import type { PushContext } from '../push-context.js';
import {
  type CertInfo,
  type CredentialPart,
  extractCertInfo,
  extractRoot,
  type RootInfo,
} from './credentials.js';
import { keyMismatch, parseCertificates, parsePrivateKey } from './pem.js';
import {
  type CredentialOrigin,
  credentialOrigins,
  KUBERNETES_GATEWAY_SECRET_PREFIX,
  KUBERNETES_SECRET_PREFIX,
  referencedSecretNames,
  SDS_CA_SUFFIX,
} from './secret-refs.js';

/** The kube kind key of Secrets in the registry (the core group). */
const SECRET_KIND = 'Secret';

/** What the proxy's resources reference, when the caller has already built them. */
export interface BuiltResources {
  readonly listeners: readonly Listener[];
  readonly clusters: readonly Cluster[];
}

interface Context {
  readonly proxy: MeshProxy;
  readonly push: PushContext;
  readonly sink: MessageSink;
  readonly origins: ReadonlyMap<string, CredentialOrigin>;
}

/**
 * istiod ParseResourceName: `kubernetes://[namespace/]name` (the namespace defaulting to the proxy's) or
 * `kubernetes-gateway://namespace/name` (the Gateway API conversion writes these only after checking
 * ReferenceGrants, so another namespace is authorized: `granted`).
 */
function parseName(
  resourceName: string,
  proxyNamespace: string,
): { namespace: string; name: string; granted: boolean } {
  const gateway = resourceName.startsWith(KUBERNETES_GATEWAY_SECRET_PREFIX);
  const prefix = gateway ? KUBERNETES_GATEWAY_SECRET_PREFIX : KUBERNETES_SECRET_PREFIX;
  const parts = resourceName.slice(prefix.length).split('/');
  return parts.length > 1
    ? { namespace: parts[0] ?? '', name: parts[1] ?? '', granted: gateway }
    : { namespace: proxyNamespace, name: parts[0] ?? '', granted: gateway };
}

function report(ctx: Context, resourceName: string, code: string, message: string): void {
  const origin = ctx.origins.get(resourceName);
  if (origin === undefined) ctx.sink.add({ code, severity: 'Error', message });
  else ctx.sink.about(origin.resource, code, 'Error', message, origin.path);
}

/** A problem with the Secret's contents, placed at the key (or the data) it concerns. */
function reportSecret(
  ctx: Context,
  secret: LoadedResource,
  resourceName: string,
  text: string,
  at?: CredentialPart,
) {
  const path = at === undefined ? ['data'] : [at.value.field, at.key];
  const what = at === undefined ? text : `key "${at.key}" ${text}`;
  ctx.sink.about(
    secret,
    MessageCode.InvalidCredential,
    'Error',
    `${what}; the SDS secret ${resourceName} is not sent`,
    path,
  );
}

function findSecret(
  ctx: Context,
  namespace: string,
  name: string,
): LoadedResource<KubernetesSecret> | undefined {
  const secrets = ctx.push.registry.configsIn(
    SECRET_KIND,
    namespace,
  ) as readonly LoadedResource<KubernetesSecret>[];
  return secrets.find((s) => s.name === name);
}

const inline = (p: CredentialPart) => ({ inline_bytes: p.value.bytes });

function caSecret(
  ctx: Context,
  resourceName: string,
  secret: LoadedResource<KubernetesSecret>,
): Secret | undefined {
  const root: RootInfo | string = extractRoot(secret.object);
  if (typeof root === 'string') {
    reportSecret(ctx, secret, resourceName, root);
    return undefined;
  }
  const certs = parseCertificates(root.cert.value.bytes);
  if (typeof certs === 'string') {
    reportSecret(ctx, secret, resourceName, certs, root.cert);
    return undefined;
  }
  return {
    name: resourceName,
    validation_context: {
      trusted_ca: inline(root.cert),
      ...(root.crl === undefined ? {} : { crl: inline(root.crl) }),
    },
  };
}

function tlsSecret(
  ctx: Context,
  resourceName: string,
  secret: LoadedResource<KubernetesSecret>,
): Secret | undefined {
  const info: CertInfo | string = extractCertInfo(secret.object);
  if (typeof info === 'string') {
    reportSecret(ctx, secret, resourceName, info);
    return undefined;
  }
  const certs = parseCertificates(info.cert.value.bytes);
  if (typeof certs === 'string') {
    reportSecret(ctx, secret, resourceName, certs, info.cert);
    return undefined;
  }
  const key = parsePrivateKey(info.key.value.bytes);
  if (typeof key === 'string') {
    reportSecret(ctx, secret, resourceName, key, info.key);
    return undefined;
  }
  const [leaf] = certs;
  const mismatch = leaf === undefined ? undefined : keyMismatch(leaf, key);
  if (mismatch !== undefined) {
    reportSecret(ctx, secret, resourceName, mismatch, info.key);
    return undefined;
  }
  return {
    name: resourceName,
    tls_certificate: {
      certificate_chain: inline(info.cert),
      private_key: inline(info.key),
      ...(info.staple === undefined ? {} : { ocsp_staple: inline(info.staple) }),
    },
  };
}

function secretFor(ctx: Context, resourceName: string): Secret | undefined {
  const { namespace, name, granted } = parseName(resourceName, ctx.proxy.namespace);
  const credential = ctx.origins.get(resourceName)?.credentialName ?? resourceName;
  if (namespace !== ctx.proxy.namespace && !granted) {
    report(
      ctx,
      resourceName,
      MessageCode.CrossNamespaceSecret,
      `credentialName "${credential}" names a Secret in namespace ${namespace}, but istiod serves the proxy ${ctx.proxy.id} only Secrets of its own namespace ${ctx.proxy.namespace} (cross namespace secret reference requires ReferenceGrant); ${resourceName} is not sent`,
    );
    return undefined;
  }
  const caOnly = name.endsWith(SDS_CA_SUFFIX);
  const secret =
    findSecret(ctx, namespace, name) ??
    (caOnly ? findSecret(ctx, namespace, name.slice(0, -SDS_CA_SUFFIX.length)) : undefined);
  if (secret === undefined) {
    // The analyzer's text (Istio's gateway.SecretAnalyzer): the credentialName as written.
    report(
      ctx,
      resourceName,
      MessageCode.ReferencedResourceNotFound,
      `Referenced credentialName not found: "${credential}"`,
    );
    return undefined;
  }
  return caOnly ? caSecret(ctx, resourceName, secret) : tlsSecret(ctx, resourceName, secret);
}

/**
 * The SDS secrets istiod serves `proxy`, sorted by name. `built` are the proxy's listeners and clusters when the
 * caller has them (translate() does); otherwise they are built here (their messages are not repeated in `sink`).
 */
export function buildSecrets(
  proxy: MeshProxy,
  push: PushContext,
  sink: MessageSink,
  built?: BuiltResources,
): Secret[] {
  const scratch = new MessageSink();
  const listeners = built?.listeners ?? buildListeners(proxy, push, scratch);
  const clusters = built?.clusters ?? buildClusters(proxy, push, scratch);
  const names = referencedSecretNames(listeners, clusters);
  if (names.length === 0) return [];
  const ctx: Context = { proxy, push, sink, origins: credentialOrigins(proxy, push) };
  const out: Secret[] = [];
  for (const name of names) {
    const secret = secretFor(ctx, name);
    if (secret !== undefined) out.push(secret);
  }
  return out;
}
