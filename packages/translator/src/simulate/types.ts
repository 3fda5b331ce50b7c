// The simulator's input (one call and the generated resources it travels through) and its result. Everything is
// plain data so the cli (`mesh explain`) and the dashboard can print or serialise it as it is.
import type { Cluster, ClusterLoadAssignment, Listener, RouteConfiguration } from '@minimesh/model';

/** The xDS resources of one proxy, as `translate()` returns them. */
export interface SimulationResources {
  readonly listeners: readonly Listener[];
  readonly routes: readonly RouteConfiguration[];
  readonly clusters: readonly Cluster[];
  readonly endpoints: readonly ClusterLoadAssignment[];
}

/** One request (or TCP connection) as the application sends it. */
export interface SimulatedCall {
  /** Destination port (the service port for a sidecar, the gateway's listen port for a router). */
  readonly port: number;
  /** Destination IP (a service VIP for a sidecar); defaults to `host` when that is an IP literal. */
  readonly address?: string;
  /** Host / :authority, with a port when the client sends one (`reviews:9080`). */
  readonly host: string;
  /** :path with an optional ?query; default `/`. */
  readonly path?: string;
  /** Default GET. */
  readonly method?: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The per-request random value (Envoy's stream id / runtime draw): weights, fault and mirror shares. Default 0. */
  readonly random?: number;
  /** Default: `sidecar` when the resources have a virtualOutbound listener, else `router`. */
  readonly proxyType?: 'sidecar' | 'router';
  /** Present when the client speaks TLS to the listener (SNI in serverName). */
  readonly tls?: { readonly serverName?: string };
}

export type SimulationOutcome =
  | 'routed'
  | 'redirect'
  | 'direct_response'
  | 'no_listener'
  | 'no_route'
  | 'no_cluster'
  | 'no_healthy_upstream'
  | 'fault_abort'
  | 'passthrough'
  | 'blackhole';

/** The weighted pick: every entry with its weight, the point looked up, and the chosen entry. */
export interface SimulatedWeightedPick {
  readonly clusters: readonly { readonly name: string; readonly weight: number }[];
  readonly totalWeight: number;
  /** random % totalWeight. */
  readonly selectedValue: number;
  readonly index: number;
}

export interface SimulatedFault {
  readonly delay?: {
    /** e.g. `7s`, or `header` for a header-controlled delay. */
    readonly fixedDelay: string;
    /** Share of requests delayed, in percent. */
    readonly percent: number;
    readonly applies: boolean;
  };
  readonly abort?: {
    readonly httpStatus?: number;
    readonly grpcStatus?: number;
    readonly percent: number;
    readonly applies: boolean;
  };
}

export interface SimulatedRetries {
  readonly retryOn: string;
  readonly numRetries: number;
  readonly perTryTimeout?: string;
  readonly retriableStatusCodes?: readonly number[];
}

export interface SimulatedMirror {
  readonly cluster: string;
  readonly percent: number;
  /** Whether this request is mirrored at the call's random value. */
  readonly applies: boolean;
  /** Whether the mirror cluster exists (a missing one is silently skipped by Envoy). */
  readonly exists: boolean;
}

/** The Istio resource a route came from (`istio.config` metadata) and where (`minimesh` metadata). */
export interface SimulatedConfig {
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  /** The `istio.config` value as istiod writes it. */
  readonly path: string;
  readonly file?: string;
  readonly line?: number;
  readonly httpIndex?: number;
}

export interface SimulationResult {
  readonly outcome: SimulationOutcome;
  /** Envoy's access log response flags (`NR`, `NC`, `UH`, `FI`, `DI`, comma separated when several). */
  readonly responseFlag?: string;
  /** The HTTP status the client gets when the proxy answers itself (direct response, redirect, fault, errors). */
  readonly status?: number;
  readonly listener?: string;
  /** The chain's name, `#<index>` for an unnamed one, or `default_filter_chain`. */
  readonly filterChain?: string;
  /** `http_connection_manager` or `tcp_proxy`. */
  readonly networkFilter?: 'http_connection_manager' | 'tcp_proxy';
  readonly routeConfig?: string;
  readonly virtualHost?: string;
  readonly route?: { readonly name?: string; readonly index: number };
  readonly cluster?: string;
  /** Healthy endpoints of the cluster, `ip:port`. */
  readonly endpoints?: readonly string[];
  readonly weighted?: SimulatedWeightedPick;
  readonly redirect?: { readonly location: string; readonly status: number };
  readonly directResponse?: { readonly status: number; readonly body?: string };
  /** The request as the upstream sees it after prefix / regex / host rewrites (only what changed). */
  readonly rewrite?: { readonly path?: string; readonly authority?: string };
  readonly fault?: SimulatedFault;
  readonly retries?: SimulatedRetries;
  /** The route timeout (`0s`: disabled). */
  readonly timeout?: string;
  readonly mirrors?: readonly SimulatedMirror[];
  readonly config?: SimulatedConfig;
  /** Set when a resource on the way is one Envoy would reject (the proxy would NACK it). */
  readonly error?: string;
  /** Human-readable steps, including why each earlier route did not match. */
  readonly trace: readonly string[];
}
