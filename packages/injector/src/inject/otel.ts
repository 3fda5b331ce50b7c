// OTEL_RESOURCE_ATTRIBUTES for the proxy, as Istio's otelResourceAttributes template function computes it: only
// when the mesh has an OpenTelemetry provider with OTEL_SEMANTIC_CONVENTIONS service attribute enrichment.
// service.namespace, service.version and service.instance.id come from resource.opentelemetry.io annotations,
// else from the namespace, the app.kubernetes.io/version label or the single container's image tag/digest, and
// `<namespace>.$(POD_NAME).<first container>`.
import type { ContainerLike, StringMap } from '../types.js';
import { isRecord } from '../types.js';
import type { MeshConfigLike } from './config.js';

/** Tag and digest of an image reference (the tag follows the last ":" after the last "/"). */
export function imageTagDigest(image: string): { tag: string; digest: string } {
  let ref = image;
  let digest = '';
  const at = ref.indexOf('@');
  if (at >= 0) {
    digest = ref.slice(at + 1);
    ref = ref.slice(0, at);
  }
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  return { tag: colon > slash ? ref.slice(colon + 1) : '', digest };
}

function hasSemanticConventions(mesh: MeshConfigLike): boolean {
  const providers = mesh.extensionProviders;
  if (!Array.isArray(providers)) return false;
  return providers.some(
    (p) =>
      isRecord(p) &&
      isRecord(p.opentelemetry) &&
      p.opentelemetry.serviceAttributeEnrichment === 'OTEL_SEMANTIC_CONVENTIONS',
  );
}

/** The attribute list, or "" when the mesh does not ask for them. */
export function otelResourceAttributes(
  mesh: MeshConfigLike,
  annotations: StringMap,
  labels: StringMap,
  namespace: string,
  containers: readonly ContainerLike[],
): string {
  if (!hasSemanticConventions(mesh)) return '';
  const attrs: string[] = [];
  const anno = (k: string) => annotations[`resource.opentelemetry.io/${k}`];
  const ns = anno('service.namespace');
  if (ns) attrs.push(`service.namespace=${ns}`);
  else if (namespace !== '') attrs.push(`service.namespace=${namespace}`);
  const version = anno('service.version') || labels['app.kubernetes.io/version'];
  const only = containers.length === 1 ? containers[0] : undefined;
  if (version) attrs.push(`service.version=${version}`);
  else if (only !== undefined) {
    const { tag, digest } = imageTagDigest(only.image ?? '');
    if (tag && digest) attrs.push(`service.version=${tag}@${digest}`);
    else if (digest || tag) attrs.push(`service.version=${digest || tag}`);
  }
  const id = anno('service.instance.id');
  const first = containers[0];
  if (id) attrs.push(`service.instance.id=${id}`);
  else if (first !== undefined) attrs.push(`service.instance.id=${namespace}.$(POD_NAME).${first.name}`);
  return attrs.join(',');
}
