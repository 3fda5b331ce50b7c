// A diagnostic is one finding about user input: where it is (file, 1-based line and column, field path) and a
// sentence that says what was expected. Loaders and validators collect every diagnostic; none throws for input.

/** Stable codes: tools and tests match on these, never on message text. */
export const DiagnosticCode = {
  /** The file could not be read. */
  FileUnreadable: 'MM_FILE_UNREADABLE',
  /** The file is larger than the loader accepts. */
  FileTooLarge: 'MM_FILE_TOO_LARGE',
  /** The file holds binary data (NUL bytes or invalid UTF-8), not YAML or JSON text. */
  BinaryFile: 'MM_BINARY_FILE',
  /** YAML or JSON syntax error. */
  Syntax: 'MM_SYNTAX',
  /** Nesting deeper than the loader accepts. */
  TooDeep: 'MM_TOO_DEEP',
  /** Aliases that expand too far, or refer to themselves. */
  Alias: 'MM_ALIAS',
  /** A document that is not an object with apiVersion and kind. */
  NotAResource: 'MM_NOT_A_RESOURCE',
  /** A kind this model does not know; it is kept as an opaque object. */
  UnknownKind: 'MM_UNKNOWN_KIND',
  /** A known kind with an apiVersion this model does not know. */
  UnknownVersion: 'MM_UNKNOWN_VERSION',
  /** A field the resource's schema does not have. */
  UnknownField: 'MM_UNKNOWN_FIELD',
  /** A required field is missing. */
  MissingField: 'MM_MISSING_FIELD',
  /** A value of the wrong type (a string where a number belongs, ...). */
  InvalidType: 'MM_INVALID_TYPE',
  /** A value of the right type that breaks a rule (range, enum, format, oneof, regex ...). */
  InvalidValue: 'MM_INVALID_VALUE',
  /** Two resources with the same kind, namespace and name. */
  Duplicate: 'MM_DUPLICATE',
} as const;
export type DiagnosticCode = (typeof DiagnosticCode)[keyof typeof DiagnosticCode];

export type Severity = 'error' | 'warning';

/** A field path as the resource spells it: `spec.http[0].route[1].weight`. */
export type FieldPath = readonly (string | number)[];

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** The file the input came from, as given to the loader (`<input>` when none was given). */
  readonly file: string;
  /** 1-based line and column of the offending node; the document start when the node is absent. */
  readonly line: number;
  readonly column: number;
  /** Path of the field inside the document; empty for a whole document or file. */
  readonly path: FieldPath;
  /** What was expected, as a sentence a user can act on. */
  readonly message: string;
  /** `Kind namespace/name` of the resource, when known. */
  readonly resource?: string;
}

/** `spec.http[0].route[1].weight` from `['spec','http',0,'route',1,'weight']`. */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

/** `bookinfo.yaml:9:15 spec.http[0].route[0].weight: expected a number, got "ten"` */
export function formatDiagnostic(d: Diagnostic): string {
  const where = `${d.file}:${d.line}:${d.column}`;
  const path = formatPath(d.path);
  return path === '' ? `${where} ${d.message}` : `${where} ${path}: ${d.message}`;
}
