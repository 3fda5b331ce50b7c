// The HTTP filter plugin family (this folder, one file per filter). A plugin compiles its filter-level config
// from the HttpConnectionManager (throws ConfigRejectedError for what it cannot honour) and, optionally, its
// per-route config (typed_per_filter_config). The connection manager runs the compiled filters in order for each
// request; a filter that answers the request itself (fault abort, CORS preflight) returns 'stop'. The router is
// the terminal filter and always runs last.
import type { HttpStream } from '../http-stream.js';

export type FilterStatus = 'continue' | 'stop';

export interface HttpFilter {
  /** The filter's name in the HttpConnectionManager (typed_per_filter_config is looked up under it). */
  readonly name: string;
  decode(stream: HttpStream): FilterStatus | Promise<FilterStatus>;
  /** Adds response headers before the response starts (CORS). */
  encodeHeaders?(stream: HttpStream, headers: Record<string, string | string[] | undefined>): void;
  /** Called once when the stream is over (response complete or reset), before the access logs (grpc_stats). */
  complete?(stream: HttpStream): void;
}

export interface HttpFilterPlugin {
  /** Type URLs of the filter config this plugin reads. */
  readonly typeUrls: readonly string[];
  /** Type URLs of its per-route config (typed_per_filter_config), if any. */
  readonly perRouteTypeUrls: readonly string[];
  readonly terminal: boolean;
  /** Compiles the filter; `name` is HttpFilter.name; `owner` names the listener for errors. */
  create(name: string, config: Readonly<Record<string, unknown>>, owner: string): HttpFilter;
  /** Compiles one per-route config (throws ConfigRejectedError). */
  compilePerRoute?(config: Readonly<Record<string, unknown>>, owner: string): unknown;
}
