// Hooks the user may set to observe streams (go-control-plane's server Callbacks). They are called synchronously
// on the stream's event; an exception thrown by a hook is caught and reported to `onHookError`, never to the
// client.
import type {
  DeltaDiscoveryRequest,
  DeltaDiscoveryResponse,
  DiscoveryRequest,
  DiscoveryResponse,
} from '@minimesh/model';

export interface StreamInfo {
  readonly streamId: number;
  readonly protocol: 'sotw' | 'delta';
  /** The type the stream is bound to (per-type services); undefined for ADS. */
  readonly typeUrl: string | undefined;
  /** The gRPC peer address ('127.0.0.1:53122'). */
  readonly peer: string;
}

export interface XdsCallbacks {
  onStreamOpen?(info: StreamInfo): void;
  onStreamRequest?(info: StreamInfo, request: DiscoveryRequest | DeltaDiscoveryRequest): void;
  onStreamResponse?(info: StreamInfo, response: DiscoveryResponse | DeltaDiscoveryResponse): void;
  /** `nodeId` is '' when the stream closed before its first request. */
  onStreamClose?(info: StreamInfo, nodeId: string): void;
  /** Called when one of the hooks above threw. Default: the error is ignored. */
  onHookError?(error: unknown): void;
}

/** Calls a hook, routing what it throws to onHookError. */
export function callHook(callbacks: XdsCallbacks, run: (c: XdsCallbacks) => void): void {
  try {
    run(callbacks);
  } catch (error) {
    try {
      callbacks.onHookError?.(error);
    } catch {
      // A failing error hook has nowhere left to report to.
    }
  }
}
