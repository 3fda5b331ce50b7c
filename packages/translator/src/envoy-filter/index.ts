// EnvoyFilter patches on a proxy's generated resources. This file only re-exports.
export {
  applyEnvoyFilters,
  type EnvoyFilterOptions,
  type PatchableResources,
} from './apply-envoy-filters.js';
export { EnvoyFilterMessageCode } from './codes.js';
export {
  type CompiledPatch,
  compilePatches,
  type PatchContext,
  proxyMetadata,
  reportEnvoyFilterProblems,
} from './compile-patches.js';
export { mergeAnyWithAny, mergeMessage } from './proto-merge.js';
