// Istio's exportTo (pkg/config/visibility): which namespaces see a service or config. `*` is every namespace,
// `.` the owner's namespace, `~` none, anything else a namespace name. An empty or absent list is the mesh
// default, `*` (MeshConfig's defaultServiceExportTo and friends, unset). `*` wins over other entries, and `~` over
// namespace names, as in Istio's push context.

export const MeshVisibility = {
  Public: '*',
  Private: '.',
  None: '~',
} as const;

/** The default of every kind when exportTo is absent or empty. */
export const DEFAULT_EXPORT_TO: readonly string[] = Object.freeze([MeshVisibility.Public]);

/**
 * The effective exportTo of a config: entries trimmed, empty ones dropped, duplicates removed (first kept), and
 * the default `*` when nothing is left. Frozen.
 */
export function normalizeExportTo(values: readonly string[] | undefined): readonly string[] {
  if (values === undefined || values.length === 0) return DEFAULT_EXPORT_TO;
  const out: string[] = [];
  for (const v of values) {
    const t = v.trim();
    if (t !== '' && !out.includes(t)) out.push(t);
  }
  return out.length === 0 ? DEFAULT_EXPORT_TO : Object.freeze(out);
}

/** A Service's `networking.istio.io/exportTo` annotation: comma-separated values; absent or blank is `*`. */
export function exportToFromAnnotation(value: string | undefined): readonly string[] {
  return normalizeExportTo(value === undefined ? undefined : value.split(','));
}

/** True when a config in `ownerNamespace` with `exportTo` is visible to proxies in `clientNamespace`. */
export function isExportedTo(
  exportTo: readonly string[],
  ownerNamespace: string,
  clientNamespace: string,
): boolean {
  if (exportTo.length === 0 || exportTo.includes(MeshVisibility.Public)) return true;
  if (exportTo.includes(MeshVisibility.None)) return false;
  if (ownerNamespace === clientNamespace && exportTo.includes(MeshVisibility.Private)) return true;
  return exportTo.includes(clientNamespace);
}

/** True when the exportTo sees only the owner's namespace (`.` or the owner's own name, alone). */
export function isPrivateOnly(exportTo: readonly string[], ownerNamespace: string): boolean {
  return exportTo.length > 0 && exportTo.every((e) => e === MeshVisibility.Private || e === ownerNamespace);
}
