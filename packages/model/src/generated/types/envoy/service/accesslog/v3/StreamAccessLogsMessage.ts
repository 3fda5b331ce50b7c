// Original file: @grpc/grpc-js-xds/deps/envoy-api/envoy/service/accesslog/v3/als.proto

import type { Node as _envoy_config_core_v3_Node, Node__Output as _envoy_config_core_v3_Node__Output } from '../../../../envoy/config/core/v3/Node.js';
import type { HTTPAccessLogEntry as _envoy_data_accesslog_v3_HTTPAccessLogEntry, HTTPAccessLogEntry__Output as _envoy_data_accesslog_v3_HTTPAccessLogEntry__Output } from '../../../../envoy/data/accesslog/v3/HTTPAccessLogEntry.js';
import type { TCPAccessLogEntry as _envoy_data_accesslog_v3_TCPAccessLogEntry, TCPAccessLogEntry__Output as _envoy_data_accesslog_v3_TCPAccessLogEntry__Output } from '../../../../envoy/data/accesslog/v3/TCPAccessLogEntry.js';

/**
 * Wrapper for batches of HTTP access log entries.
 */
export interface _envoy_service_accesslog_v3_StreamAccessLogsMessage_HTTPAccessLogEntries {
  'log_entry'?: (_envoy_data_accesslog_v3_HTTPAccessLogEntry)[];
}

/**
 * Wrapper for batches of HTTP access log entries.
 */
export interface _envoy_service_accesslog_v3_StreamAccessLogsMessage_HTTPAccessLogEntries__Output {
  'log_entry'?: (_envoy_data_accesslog_v3_HTTPAccessLogEntry__Output)[];
}

export interface _envoy_service_accesslog_v3_StreamAccessLogsMessage_Identifier {
  /**
   * The node sending the access log messages over the stream.
   */
  'node'?: (_envoy_config_core_v3_Node | null);
  /**
   * The friendly name of the log configured in :ref:`CommonGrpcAccessLogConfig
   * <envoy_v3_api_msg_extensions.access_loggers.grpc.v3.CommonGrpcAccessLogConfig>`.
   */
  'log_name'?: (string);
}

export interface _envoy_service_accesslog_v3_StreamAccessLogsMessage_Identifier__Output {
  /**
   * The node sending the access log messages over the stream.
   */
  'node'?: (_envoy_config_core_v3_Node__Output);
  /**
   * The friendly name of the log configured in :ref:`CommonGrpcAccessLogConfig
   * <envoy_v3_api_msg_extensions.access_loggers.grpc.v3.CommonGrpcAccessLogConfig>`.
   */
  'log_name'?: (string);
}

/**
 * Wrapper for batches of TCP access log entries.
 */
export interface _envoy_service_accesslog_v3_StreamAccessLogsMessage_TCPAccessLogEntries {
  'log_entry'?: (_envoy_data_accesslog_v3_TCPAccessLogEntry)[];
}

/**
 * Wrapper for batches of TCP access log entries.
 */
export interface _envoy_service_accesslog_v3_StreamAccessLogsMessage_TCPAccessLogEntries__Output {
  'log_entry'?: (_envoy_data_accesslog_v3_TCPAccessLogEntry__Output)[];
}

/**
 * Stream message for the StreamAccessLogs API. Envoy will open a stream to the server and stream
 * access logs without ever expecting a response.
 */
export interface StreamAccessLogsMessage {
  /**
   * Identifier data that will only be sent in the first message on the stream. This is effectively
   * structured metadata and is a performance optimization.
   */
  'identifier'?: (_envoy_service_accesslog_v3_StreamAccessLogsMessage_Identifier | null);
  'http_logs'?: (_envoy_service_accesslog_v3_StreamAccessLogsMessage_HTTPAccessLogEntries | null);
  'tcp_logs'?: (_envoy_service_accesslog_v3_StreamAccessLogsMessage_TCPAccessLogEntries | null);
  /**
   * Batches of log entries of a single type. Generally speaking, a given stream should only
   * ever include one type of log entry.
   */
  'log_entries'?: "http_logs"|"tcp_logs";
}

/**
 * Stream message for the StreamAccessLogs API. Envoy will open a stream to the server and stream
 * access logs without ever expecting a response.
 */
export interface StreamAccessLogsMessage__Output {
  /**
   * Identifier data that will only be sent in the first message on the stream. This is effectively
   * structured metadata and is a performance optimization.
   */
  'identifier'?: (_envoy_service_accesslog_v3_StreamAccessLogsMessage_Identifier__Output);
  'http_logs'?: (_envoy_service_accesslog_v3_StreamAccessLogsMessage_HTTPAccessLogEntries__Output);
  'tcp_logs'?: (_envoy_service_accesslog_v3_StreamAccessLogsMessage_TCPAccessLogEntries__Output);
  /**
   * Batches of log entries of a single type. Generally speaking, a given stream should only
   * ever include one type of log entry.
   */
  'log_entries'?: "http_logs"|"tcp_logs";
}
