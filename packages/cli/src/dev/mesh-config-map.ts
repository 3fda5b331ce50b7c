// The mesh config of the dev control plane, read as istiod reads it: the `mesh` key of the ConfigMap `istio` in the
// root namespace (istio-system), a MeshConfig in YAML. Only the fields the translator takes are read
// (outboundTrafficPolicy.mode, enableEnvoyAccessLogService, defaultConfig.envoyAccessLogService.address); others are
// ignored, as istiod ignores what it does not use. Without that ConfigMap the translator's defaults (Istio 1.30's)
// apply. A value the translator cannot take is an error naming the file, the line of `data.mesh` and what was
// expected. Pure.
import type { Diagnostic, LoadedResource } from '@minimesh/model';
import { type MeshConfig, parseServiceAddress } from '@minimesh/translator';
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
  const fields = config as MeshConfigFields;
  const mesh: { -readonly [K in keyof MeshConfig]?: MeshConfig[K] } = {};
  const mode = fields.outboundTrafficPolicy?.mode;
  if (mode !== undefined) {
    if (!MODES.includes(mode as (typeof MODES)[number]))
      return error(`outboundTrafficPolicy.mode ${JSON.stringify(mode)}: expected ALLOW_ANY or REGISTRY_ONLY`);
    mesh.outboundTrafficPolicy = mode as MeshConfig['outboundTrafficPolicy'];
  }
  const als = accessLogServiceOf(fields);
  if (typeof als === 'string') return error(als);
  Object.assign(mesh, als);
  return { mesh, diagnostics: [] };
}

/** The parts of a MeshConfig read here, as YAML gives them (unchecked). */
interface MeshConfigFields {
  readonly outboundTrafficPolicy?: { readonly mode?: unknown };
  readonly enableEnvoyAccessLogService?: unknown;
  readonly defaultConfig?: unknown;
}

/**
 * enableEnvoyAccessLogService (a boolean) and defaultConfig.envoyAccessLogService.address (HOST:PORT, the
 * translator's parseServiceAddress), or what is wrong with them. The translator writes the access loggers only
 * when both are set.
 */
function accessLogServiceOf(fields: MeshConfigFields): Partial<MeshConfig> | string {
  const out: { -readonly [K in keyof MeshConfig]?: MeshConfig[K] } = {};
  const enable = fields.enableEnvoyAccessLogService;
  if (enable !== undefined && enable !== null) {
    if (typeof enable !== 'boolean')
      return `enableEnvoyAccessLogService ${JSON.stringify(enable)}: expected true or false`;
    out.enableEnvoyAccessLogService = enable;
  }
  const defaults = fields.defaultConfig;
  if (defaults === undefined || defaults === null) return out;
  if (typeof defaults !== 'object' || Array.isArray(defaults))
    return 'defaultConfig: expected a mapping (ProxyConfig)';
  const service = (defaults as { envoyAccessLogService?: unknown }).envoyAccessLogService;
  if (service === undefined || service === null) return out;
  if (typeof service !== 'object' || Array.isArray(service))
    return 'defaultConfig.envoyAccessLogService: expected a mapping with an address (RemoteService)';
  const address = (service as { address?: unknown }).address;
  if (address === undefined || address === null) return out;
  if (typeof address !== 'string' || parseServiceAddress(address) === undefined)
    return `defaultConfig.envoyAccessLogService.address ${JSON.stringify(address)}: expected HOST:PORT (IPv6 as [ADDR]:PORT, port 1-65535)`;
  out.envoyAccessLogService = { address };
  return out;
}
