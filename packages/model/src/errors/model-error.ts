import { type Diagnostic, type DiagnosticCode, formatDiagnostic } from './diagnostic.js';

/**
 * Base class of errors thrown by @minimesh/model APIs. `code` is stable (`MM_...`); messages say what to do next.
 * Loading user input never throws: it returns diagnostics. These are thrown for misuse of the API itself, or by
 * `assertValid`-style helpers that turn diagnostics into an exception on request.
 */
export class ModelError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ModelError';
    this.code = code;
  }
}

/** Thrown by helpers that require valid input; carries every diagnostic found. */
export class ValidationError extends ModelError {
  readonly diagnostics: readonly Diagnostic[];
  constructor(diagnostics: readonly Diagnostic[]) {
    const first = diagnostics[0];
    const more = diagnostics.length > 1 ? ` (and ${diagnostics.length - 1} more)` : '';
    super('MM_VALIDATION', first ? `${formatDiagnostic(first)}${more}` : 'validation failed');
    this.name = 'ValidationError';
    this.diagnostics = diagnostics;
  }
  get codes(): DiagnosticCode[] {
    return this.diagnostics.map((d) => d.code);
  }
}

/** An xDS resource that cannot be encoded or decoded: an unknown field, a wrong type, an unknown type URL. */
export class CodecError extends ModelError {
  /** Path inside the message, e.g. `filter_chains[0].filters[0].typed_config.route_config`. */
  readonly path: string;
  constructor(code: CodecErrorCode, path: string, message: string, options?: { cause?: unknown }) {
    super(code, path === '' ? message : `${path}: ${message}`, options);
    this.name = 'CodecError';
    this.path = path;
  }
}

export const CodecErrorCode = {
  UnknownType: 'MM_CODEC_UNKNOWN_TYPE',
  UnknownField: 'MM_CODEC_UNKNOWN_FIELD',
  InvalidValue: 'MM_CODEC_INVALID_VALUE',
  Decode: 'MM_CODEC_DECODE',
} as const;
export type CodecErrorCode = (typeof CodecErrorCode)[keyof typeof CodecErrorCode];
