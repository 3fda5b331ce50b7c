// @minimesh/cli: the `mesh` command as functions. This file only re-exports.
export * from './commands/analyze.js';
export * from './commands/apply.js';
export * from './commands/delete.js';
export * from './commands/dev.js';
export * from './commands/explain.js';
export * from './commands/inject.js';
export * from './commands/proxy-config.js';
export { type ProxyStatusOptions, proxyStatusCommand } from './commands/proxy-status.js';
export * from './commands/translate.js';
export * from './dev/address-plan.js';
export {
  AdminRequestError,
  adminGet,
  fetchStatus,
  ProxySelectError,
  resolveProxy,
} from './dev/admin-client.js';
export { ConfigDump, ConfigDumpError } from './dev/config-dump-sections.js';
export * from './dev/control-plane.js';
export * from './dev/control-plane-events.js';
export * from './dev/control-plane-status.js';
export { ConfigStore, type ResourceAction, type ResourceResult } from './dev/control-plane-store.js';
export * from './dev/dev-output.js';
export { expectedConfigDump } from './dev/expected-config.js';
export * from './dev/load-inputs.js';
export * from './dev/orchestrator.js';
export * from './dev/orchestrator-preflight.js';
export * from './dev/orchestrator-processes.js';
export * from './dev/pod-names.js';
export * from './dev/process-supervisor.js';
export * from './dev/readiness.js';
export * from './dev/rewrite-endpoints.js';
export * from './dev/rewrite-inbound.js';
export * from './dev/rewrite-translation.js';
export * from './dev/run-annotations.js';
export * from './dev/select-instance.js';
export * from './dev/translate-instance.js';
export * from './dev/workloads.js';
export * from './output/format.js';
export * from './program.js';
