// The mesh config of the dev control plane, read as istiod reads it: the `mesh` key of the ConfigMap `istio` in the
// root namespace (istio-system), a MeshConfig in YAML. Only the fields the translator takes are read (today
// outboundTrafficPolicy.mode); others are ignored, as istiod ignores what it does not use. Without that ConfigMap
// the translator's defaults (Istio 1.30's) apply. A value the translator cannot take is an error naming the file,
// the line of `data.mesh` and what was expected. Pure.
import type { Diagnostic, LoadedResource } from '@minimesh/model';
import type { MeshConfig } from '@minimesh/translator';
import { parse } from 'yaml';

/** Where istiod finds its mesh config (`istioctl install` writes it there). */
export const MESH_CONFIG_MAP = { name: 'istio', namespace: 'istio-system', key: 'mesh' } as const;

const MODES = ['ALLOW_ANY', 'REGISTRY_ONLY'] as const;

export interface MeshConfigResult {
  readonly mesh: Partial<MeshConfig>;
  readonly diagnostics: Diagnostic[];
}

/** The mesh config of `resources` (see the file comment); `{}` when there is no `istio` ConfigMap. */
export function meshConfigOf(resources: readonly LoadedResource[]): MeshConfigResult {
  const cm = resources.find(
    (r) =>
      r.kind === 'ConfigMap' &&
      r.group === '' &&
      r.name === MESH_CONFIG_MAP.name &&
      r.namespace === MESH_CONFIG_MAP.namespace,
  );
  const text = (cm?.object as { data?: Record<string, unknown> } | undefined)?.data?.[MESH_CONFIG_MAP.key];
  if (cm === undefined || text === undefined) return { mesh: {}, diagnostics: [] };
  const path = ['data', MESH_CONFIG_MAP.key];
  const at = cm.source.locate(path);
  const error = (message: string): MeshConfigResult => ({
    mesh: {},
    diagnostics: [
      {
        code: 'MM_INVALID_VALUE',
        severity: 'error',
        file: cm.source.file,
        line: at.line,
        column: at.column,
        path,
        message,
        resource: `ConfigMap ${MESH_CONFIG_MAP.namespace}/${MESH_CONFIG_MAP.name}`,
      },
    ],
  });
  let config: unknown;
  try {
    config = typeof text === 'string' ? parse(text) : undefined;
  } catch (err) {
    return error(`the mesh config is not YAML (${(err as Error).message}); expected a MeshConfig`);
  }
  if (config === null || config === undefined) return { mesh: {}, diagnostics: [] };
  if (typeof config !== 'object' || Array.isArray(config))
    return error('expected a MeshConfig (a YAML mapping) as a string');
  const mode = (config as { outboundTrafficPolicy?: { mode?: unknown } }).outboundTrafficPolicy?.mode;
  if (mode === undefined) return { mesh: {}, diagnostics: [] };
  if (!MODES.includes(mode as (typeof MODES)[number]))
    return error(`outboundTrafficPolicy.mode ${JSON.stringify(mode)}: expected ALLOW_ANY or REGISTRY_ONLY`);
  return { mesh: { outboundTrafficPolicy: mode as MeshConfig['outboundTrafficPolicy'] }, diagnostics: [] };
}
