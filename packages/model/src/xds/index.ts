// Envoy xDS types, their runtime descriptor and the strict codec. This file only re-exports.
export {
  type AnyObject,
  type AnyPayload,
  anyOf,
  assertMessage,
  type DecodeOptions,
  type DecodeOutput,
  decode,
  type EncodeInput,
  encode,
  type PackedAny,
  packAny,
  unpackAny,
} from './codec.js';
export {
  bootstrapConfigDump,
  buildConfigDump,
  type ConfigDumpSections,
  clustersConfigDump,
  configDumpToJson,
  configDumpToString,
  type DynamicEntry,
  type DynamicListenerEntry,
  endpointsConfigDump,
  listenersConfigDump,
  routesConfigDump,
  type StaticEntry,
  secretsConfigDump,
} from './config-dump.js';
export { GrpcStatus, type GrpcStatusName } from './grpc-status-codes.js';
export type { CodecIssue } from './issues.js';
export { findMessage, lookupMessage, protoRoot } from './proto-root.js';
export {
  type FromJsonOptions,
  fromProto3Json,
  type Proto3Json,
  type Proto3JsonObject,
  toProto3Json,
} from './proto3-json.js';
export { checkMessage } from './strict-check.js';
export { TYPE_URL_PREFIX, TypeUrl, type TypeUrlOf, typeNameOf, typeUrlOf } from './type-urls.js';
export type * from './types.js';
export {
  durationFromMs,
  formatDuration,
  formatTimestamp,
  parseDuration,
  parseTimestamp,
  type SecondsNanos,
  timestampFromDate,
} from './well-known.js';
