// Errors of the xDS server and its snapshot cache. Each class carries a stable `code` (XDS_...) that callers may
// match on; messages are sentences meant for a person.

/** Stable codes of every error this package throws. */
export const XdsErrorCode = {
  /** A snapshot failed the consistency check; `problems` lists every reason. */
  InconsistentSnapshot: 'XDS_INCONSISTENT_SNAPSHOT',
  /** A resource could not be encoded (unknown field, wrong type) or has no name. */
  InvalidResource: 'XDS_INVALID_RESOURCE',
  /** An option passed to the cache or server is out of range. */
  InvalidOption: 'XDS_INVALID_OPTION',
} as const;
export type XdsErrorCode = (typeof XdsErrorCode)[keyof typeof XdsErrorCode];

/** Base class of every error of this package. */
export class XdsError extends Error {
  readonly code: XdsErrorCode;

  constructor(code: XdsErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'XdsError';
    this.code = code;
  }
}

/** A snapshot was refused: the previous snapshot of the node keeps being served. */
export class InconsistentSnapshotError extends XdsError {
  /** Every problem found, one sentence each, in a stable order. */
  readonly problems: readonly string[];

  constructor(problems: readonly string[]) {
    const shown = problems.slice(0, 5).join('; ');
    const more = problems.length > 5 ? ` (and ${problems.length - 5} more)` : '';
    super(XdsErrorCode.InconsistentSnapshot, `inconsistent snapshot: ${shown}${more}`);
    this.name = 'InconsistentSnapshotError';
    this.problems = problems;
  }
}

/** A resource could not be prepared for the wire. */
export class InvalidResourceError extends XdsError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(XdsErrorCode.InvalidResource, message, options);
    this.name = 'InvalidResourceError';
  }
}

/** An option is out of range. */
export class InvalidOptionError extends XdsError {
  constructor(message: string) {
    super(XdsErrorCode.InvalidOption, message);
    this.name = 'InvalidOptionError';
  }
}
