// What the dev control plane tells `mesh dev`'s output and the dashboard: one typed event stream.
import type { Diagnostic } from '@minimesh/model';
import type { ResourceResult } from './control-plane-store.js';

/** Where a change came from: DIR's watcher, or the control API (`mesh apply` / `mesh delete`). */
export type ChangeSource = 'watch' | 'api';

export type ControlPlaneEvent =
  | {
      readonly type: 'loaded';
      readonly version: number;
      readonly resources: number;
      readonly files: number;
      /** Wall time of the initial load and registry build, ms. */
      readonly durationMs: number;
    }
  | {
      readonly type: 'applied';
      readonly version: number;
      readonly source: ChangeSource;
      /** DIR files that changed (watch), empty for the API. */
      readonly files: readonly string[];
      /** Empty when files changed but no resource did (the version stays). */
      readonly changes: readonly ResourceResult[];
      /** From the change being noticed to every connected proxy's snapshot set, ms. */
      readonly durationMs: number;
    }
  | {
      readonly type: 'rejected';
      readonly source: ChangeSource;
      readonly files: readonly string[];
      /** Every diagnostic (file, line, column, field path, what was expected); nothing was changed. */
      readonly diagnostics: readonly Diagnostic[];
    }
  | {
      readonly type: 'proxy';
      readonly event: 'connected' | 'disconnected' | 'ack' | 'nack';
      readonly nodeId: string;
      /** For ack / nack: the resource type URL; for nack the proxy's error text. */
      readonly typeUrl?: string;
      readonly message?: string;
      /**
       * For ack / nack: the xDS version (the snapshot cache's content hash) the proxy accepted (its request's
       * version_info, or the version of the response its nonce answers) or refused (the version of the response its
       * nonce answers, else the last one its stream sent for the type); absent when nothing was sent on the stream.
       */
      readonly version?: string;
    }
  | { readonly type: 'error'; readonly message: string };

export type ControlPlaneListener = (event: ControlPlaneEvent) => void;

/** A minimal typed emitter: listeners are called in order; one that throws does not stop the others. */
export class EventHub {
  readonly #listeners = new Set<ControlPlaneListener>();

  on(listener: ControlPlaneListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  emit(event: ControlPlaneEvent): void {
    for (const l of [...this.#listeners]) {
      try {
        l(event);
      } catch {
        // A failing listener (a closed output stream) must not break the control plane.
      }
    }
  }
}

/** The type URL's short name, as istioctl prints it (CDS, LDS, EDS, RDS, SDS). */
export function shortType(typeUrl: string): string {
  if (typeUrl.endsWith('.Cluster')) return 'CDS';
  if (typeUrl.endsWith('.Listener')) return 'LDS';
  if (typeUrl.endsWith('.ClusterLoadAssignment')) return 'EDS';
  if (typeUrl.endsWith('.RouteConfiguration')) return 'RDS';
  if (typeUrl.endsWith('.Secret')) return 'SDS';
  return typeUrl;
}
