// @minimesh/translator: pure Istio -> Envoy xDS translation per proxy. This file only re-exports.
export * from './mesh-config.js';
export * from './messages.js';
export * from './naming.js';
export * from './proxy.js';
export * from './push-context.js';
export * from './sidecar-egress.js';
