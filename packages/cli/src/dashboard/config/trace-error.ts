// What the dashboard's config side cannot do for a request, with a stable code the page can branch on.

export type TraceErrorCode =
  /** No configuration version is recorded yet. */
  | 'TRACE_NO_CONFIG'
  /** The record's proxy is no node id, or names no workload of that version's plan. */
  | 'TRACE_PROXY'
  /** A destination-reported request whose sidecar has no inbound listener for it. */
  | 'TRACE_INBOUND'
  /** The registry refused that version's resources. */
  | 'TRACE_REGISTRY';

export class TraceError extends Error {
  constructor(
    readonly code: TraceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'TraceError';
  }
}

export type WhatIfErrorCode =
  /** The edited file is outside the mesh directory. */
  | 'WHATIF_OUTSIDE_DIR'
  /** The edited file is not a .yaml / .yml file. */
  | 'WHATIF_NOT_YAML';

export class WhatIfError extends Error {
  constructor(
    readonly code: WhatIfErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'WhatIfError';
  }
}
