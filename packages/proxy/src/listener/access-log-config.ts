// HttpConnectionManager.access_log, honoured as Envoy does: each entry is a file logger (FileAccessLog) writing one
// line per request in its format (log_format.text_format_source inline_string or text_format, the deprecated
// `format`, else Envoy's default format) to its path; "/dev/stdout" and "/dev/stderr" are the process streams, and
// other paths are opened for appending once and shared; or a gRPC access logger (envoy.access_loggers.http_grpc,
// src/access-log/grpc-access-logger.ts) streaming to the AccessLogService of a cluster. Filters, JSON formats and
// other loggers (OpenTelemetry, stdout / stderr) are NACKed.
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import type { HttpConnectionManager, HttpGrpcAccessLogConfig } from '@minimesh/model/xds';
import { TypeUrl } from '@minimesh/model/xds';
import { compileHttpGrpcLogger, type GrpcAccessLoggers } from '../access-log/grpc-access-logger.js';
import { ConfigRejectedError } from '../errors.js';
import { compileLogFormat, DEFAULT_ACCESS_LOG_FORMAT, type LogContext } from '../http/access-log-format.js';

type AccessLogs = NonNullable<HttpConnectionManager['access_log']>;

export type AccessLogWriter = (c: LogContext) => void;

const files = new Map<string, Writable>();

function sink(path: string): Writable {
  if (path === '/dev/stdout') return process.stdout;
  if (path === '/dev/stderr') return process.stderr;
  let w = files.get(path);
  if (w === undefined) {
    w = createWriteStream(path, { flags: 'a' });
    w.on('error', () => undefined);
    files.set(path, w);
  }
  return w;
}

interface FileConfig {
  path?: string;
  format?: string;
  json_format?: object | null;
  typed_json_format?: object | null;
  log_format?: {
    text_format?: string;
    text_format_source?: { inline_string?: string } | null;
    json_format?: object | null;
  } | null;
}

function formatOf(cfg: FileConfig, at: string, owner: string): string {
  const lf = cfg.log_format;
  const json = cfg.json_format ?? cfg.typed_json_format ?? lf?.json_format;
  if (json !== undefined && json !== null) {
    throw new ConfigRejectedError('Listener', owner, `${at}: JSON access log formats are not supported`);
  }
  if (lf?.text_format_source !== undefined && lf.text_format_source !== null) {
    const inline = lf.text_format_source.inline_string;
    if (inline === undefined) {
      throw new ConfigRejectedError('Listener', owner, `${at}: text_format_source must be an inline_string`);
    }
    return inline;
  }
  return (
    lf?.text_format ??
    (cfg.format === undefined || cfg.format === '' ? DEFAULT_ACCESS_LOG_FORMAT : cfg.format)
  );
}

/** The writers of an HCM's access_log list; throws ConfigRejectedError for what it cannot honour. */
export function compileAccessLogs(
  logs: AccessLogs | undefined,
  owner: string,
  at: string,
  grpcLoggers?: GrpcAccessLoggers,
): AccessLogWriter[] {
  return (logs ?? []).map((log, i) => {
    const where = `${at}.access_log[${i}]`;
    if (log.filter !== undefined && log.filter !== null) {
      throw new ConfigRejectedError('Listener', owner, `${where}: access log filters are not supported`);
    }
    const cfg = (log.typed_config ?? {}) as FileConfig & { '@type'?: string };
    if (cfg['@type'] === TypeUrl.HTTP_GRPC_ACCESS_LOG)
      return compileHttpGrpcLogger(cfg as HttpGrpcAccessLogConfig, grpcLoggers, owner, where);
    if (cfg['@type'] !== TypeUrl.FILE_ACCESS_LOG) {
      throw new ConfigRejectedError(
        'Listener',
        owner,
        `${where}: unsupported access logger ${cfg['@type'] ?? '(none)'}`,
      );
    }
    if ((cfg.path ?? '') === '')
      throw new ConfigRejectedError('Listener', owner, `${where}: path is required`);
    const format = compileLogFormat(formatOf(cfg, where, owner), owner);
    const out = sink(cfg.path ?? '');
    return (c) => {
      out.write(format(c));
    };
  });
}
