// @minimesh/model/xds: the light entry point for data-plane code (the proxy). It re-exports only the Envoy xDS
// side of the model: the strict protobuf codec, type URLs, the typed xDS resources, the config_dump builders, the
// xds-match functions and the error classes they throw. Invariant: nothing reachable from this file imports the
// loader, the zod schemas, YAML or the registry (test/xds/xds-entry.test.ts checks the loaded modules), so a
// process that needs only xDS does not pay for them in memory or start-up time. This file only re-exports.
export * from './errors/diagnostic.js';
export * from './errors/model-error.js';
export * from './xds/index.js';
export * from './xds-match/index.js';
