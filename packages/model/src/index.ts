// @minimesh/model: the typed mesh model. This file only re-exports.
export * from './errors/diagnostic.js';
export * from './errors/model-error.js';
export * from './loader/index.js';
export * from './registry/index.js';
export * from './schema/common.js';
export * from './schema/duration.js';
export * from './schema/gateway-api/index.js';
export * from './schema/istio/index.js';
export * from './schema/kind-definition.js';
export * from './schema/kinds.js';
export * from './schema/kube/index.js';
export * from './schema/regex.js';
export * from './schema/suggest.js';
export * from './schema/validate.js';
export * from './xds/index.js';
export * from './xds-match/index.js';
