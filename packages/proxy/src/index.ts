// @minimesh/proxy: the Node sidecar and gateway, configured only by xDS. This file only re-exports.

export type { AlsSettings, AlsStream } from './access-log/als-stream.js';
export type { GrpcAccessLoggers } from './access-log/grpc-access-logger.js';
export { parseCli, runCli } from './cli.js';
export {
  ConfigRejectedError,
  InvalidOptionError,
  ProxyError,
  ProxyErrorCode,
} from './errors.js';
export type { AccessLogEntry, AccessLogSink } from './http/access-log.js';
export { ProxyConfig } from './proxy-config.js';
export { runProxyProcess } from './proxy-process.js';
export { PROXY_VERSION, type ProxyOptions, type RunningProxy, startProxy } from './start-proxy.js';
export { StatsStore } from './stats/stats-store.js';
export { AdsClient, type AdsClientOptions, type XdsSink } from './xds/ads-client.js';
export { XdsType } from './xds/ads-method.js';
export { buildNode, type NodeIdentity, type NodeOptions, parseNodeId } from './xds/node-identity.js';
