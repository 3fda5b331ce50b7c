// Loads Kubernetes/Istio manifests from YAML (multi-document), JSON or `kind: List` text into typed resources,
// collecting every error and warning with file, line, column and field path. It never throws for input:
// size, binary data, depth, aliases and syntax are checked before or while parsing, each with its own code.
import { LineCounter, parseAllDocuments, type YAMLError } from 'yaml';
import { type Diagnostic, DiagnosticCode, type FieldPath, type Severity } from '../errors/diagnostic.js';
import { splitApiVersion } from '../schema/kind-definition.js';
import { findKind } from '../schema/kinds.js';
import { describe, validateWith } from '../schema/validate.js';
import { dedupe } from './duplicates.js';
import {
  type Chunk,
  chunkEligible,
  LazyLocator,
  needsWholeFileYaml,
  parseChunk,
  splitDocuments,
} from './fast-path.js';
import { kindMistake } from './kind-suggestion.js';
import {
  DEFAULT_LIMITS,
  decodeText,
  findCycle,
  findExcessiveDepth,
  type Limits,
  looksBinary,
} from './limits.js';
import { type LoadedResource, type LoadResult, makeResult, resourceRef } from './loaded-resource.js';
import { firstBadAlias, isPlainObject, metadataNameProblems, normalizeText } from './manifest-text.js';
import { type Locator, SourceLocator } from './source-locator.js';

export interface LoadOptions {
  /** Name used for this input in diagnostics; `<input>` when absent. */
  file?: string;
  /** Namespace given to namespaced resources that name none; Kubernetes' `default` when absent. */
  defaultNamespace?: string;
  limits?: Partial<Limits>;
  /**
   * Read valid input with the fast parser, positions computed on demand (default true). False parses
   * everything with `yaml` up front; results are the same, only slower.
   */
  fastPath?: boolean;
}

/** Loads every resource in `input` (text, or bytes that must be UTF-8). */
export function loadManifests(input: string | Uint8Array, options: LoadOptions = {}): LoadResult {
  const ctx = new LoadContext(options);
  ctx.load(input);
  return ctx.result();
}

class LoadContext {
  readonly file: string;
  readonly limits: Limits;
  readonly defaultNamespace: string;
  readonly fastPath: boolean;
  readonly resources: LoadedResource[] = [];
  readonly diagnostics: Diagnostic[] = [];

  constructor(options: LoadOptions) {
    this.file = options.file ?? '<input>';
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
    this.defaultNamespace = options.defaultNamespace ?? 'default';
    this.fastPath = options.fastPath ?? true;
  }

  result(): LoadResult {
    const { kept, diagnostics } = dedupe(this.resources);
    this.diagnostics.push(...diagnostics);
    this.diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
    return makeResult(kept, this.diagnostics);
  }

  add(
    code: DiagnosticCode,
    line: number,
    column: number,
    path: FieldPath,
    message: string,
    extra: { severity?: Severity; resource?: string } = {},
  ): void {
    this.diagnostics.push({
      code,
      severity: extra.severity ?? 'error',
      file: this.file,
      line,
      column,
      path,
      message,
      ...(extra.resource ? { resource: extra.resource } : {}),
    });
  }

  load(input: string | Uint8Array): void {
    const size = typeof input === 'string' ? Buffer.byteLength(input) : input.byteLength;
    if (size > this.limits.maxBytes) {
      const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
      this.add(
        DiagnosticCode.FileTooLarge,
        1,
        1,
        [],
        `file is ${mb(size)}; expected at most ${mb(this.limits.maxBytes)} (split it into smaller files)`,
      );
      return;
    }
    const decoded = typeof input === 'string' ? input : decodeText(input);
    // A BOM is not content; a lone CR is a line break in YAML 1.2, which both parsers then read alike as LF.
    const text = decoded === undefined ? undefined : normalizeText(decoded);
    if (text === undefined || looksBinary(text)) {
      this.add(
        DiagnosticCode.BinaryFile,
        1,
        1,
        [],
        'file holds binary data; expected YAML or JSON text in UTF-8',
      );
      return;
    }
    const deep = findExcessiveDepth(text, this.limits.maxDepth);
    if (deep) {
      this.add(
        DiagnosticCode.TooDeep,
        deep.line,
        deep.column,
        [],
        `nesting is deeper than ${this.limits.maxDepth} levels; expected a Kubernetes manifest (they nest far less)`,
      );
      return;
    }
    if (needsWholeFileYaml(text)) {
      this.slowLoad(text, 0, 0);
      return;
    }
    // Documents are independent (anchors do not cross them): each takes the fast path when it can, and only a
    // document with something to report, or something unusual, is parsed with `yaml`.
    const wholeFileEligible = this.fastPath && chunkEligible(text);
    splitDocuments(text).forEach((chunk, index) => {
      const bytes =
        chunk.text.length * 3 > this.limits.maxDocumentBytes
          ? Buffer.byteLength(chunk.text)
          : chunk.text.length;
      if (bytes > this.limits.maxDocumentBytes) {
        const mb = (n: number) => `${(n / (1024 * 1024)).toFixed(1)} MB`;
        this.add(
          DiagnosticCode.FileTooLarge,
          chunk.start.line,
          chunk.start.column,
          [],
          `document is ${mb(bytes)}; expected at most ${mb(this.limits.maxDocumentBytes)} per document (Kubernetes stores objects of at most 1.5 MB)`,
        );
        return;
      }
      const eligible = wholeFileEligible || (this.fastPath && chunkEligible(chunk.text));
      if (eligible && this.fastChunk(chunk, index)) return;
      this.slowLoad(chunk.text, chunk.lineOffset, index);
    });
  }

  /**
   * One document with js-yaml. False (keeping nothing of it) when the document does not parse, is a List, or
   * has an error: the caller then reads it with `yaml`, which reports every problem with its position.
   */
  fastChunk(chunk: Chunk, index: number): boolean {
    const parsed = parseChunk(chunk);
    if (!parsed.ok) return false;
    const value = parsed.value;
    if (value === null || value === undefined) return true;
    if (isPlainObject(value) && value.kind === 'List') return false;
    const resources = this.resources.length;
    const diagnostics = this.diagnostics.length;
    this.resource(value, new LazyLocator(chunk), index);
    if (this.diagnostics.slice(diagnostics).some((d) => d.severity === 'error')) {
      this.resources.length = resources;
      this.diagnostics.length = diagnostics;
      return false;
    }
    return true;
  }

  /** Parses `text` (a whole file, or one document `lineOffset` lines into it) with `yaml`. */
  slowLoad(text: string, lineOffset: number, firstIndex: number): void {
    const lines = new LineCounter();
    const docs = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
    const list = Array.isArray(docs) ? docs : [docs];
    list.forEach((doc, i) => {
      const index = firstIndex + i;
      const locator = new SourceLocator(doc.contents, lines, lineOffset);
      for (const w of doc.warnings) this.addYamlError(w, lines, 'warning', lineOffset);
      if (doc.errors.length > 0) {
        for (const e of doc.errors) this.addYamlError(e, lines, 'error', lineOffset);
        return;
      }
      if (doc.contents === null) return; // an empty document (e.g. a trailing `---`)
      let value: unknown;
      try {
        value = doc.toJS({ maxAliasCount: this.limits.maxAliasCount });
      } catch (err) {
        const bad = firstBadAlias(doc, lines);
        const start = bad ? { line: bad.line + lineOffset, column: bad.column } : locator.start;
        const reason = err instanceof Error ? err.message : String(err);
        this.add(
          DiagnosticCode.Alias,
          start.line,
          start.column,
          [],
          `YAML aliases: ${reason}; expected aliases that refer to earlier anchors and expand to at most ${this.limits.maxAliasCount} nodes`,
        );
        return;
      }
      if (value === null || value === undefined) return; // a document of only comments
      const cycle = findCycle(value);
      if (cycle) {
        const at = locator.locate(cycle);
        this.add(
          DiagnosticCode.Alias,
          at.line,
          at.column,
          cycle,
          'YAML alias refers to an anchor that contains it, making the value infinite; expected aliases to earlier, complete values',
        );
        return;
      }
      this.document(value, locator, index);
    });
  }

  /** Names the API server would refuse are warnings: the object loads, and the user learns it would not apply. */
  checkNames(meta: Record<string, unknown>, locator: Locator, kind: string, resource: string): void {
    for (const { field, problem } of metadataNameProblems(meta, kind)) {
      const at = locator.locate(['metadata', field]);
      this.add(
        DiagnosticCode.InvalidValue,
        at.line,
        at.column,
        ['metadata', field],
        `${problem}; the Kubernetes API server would reject this ${field}`,
        { severity: 'warning', resource },
      );
    }
  }

  addYamlError(e: YAMLError, lines: LineCounter, severity: Severity, lineOffset: number): void {
    const at = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
    const pos = { line: at.line + lineOffset, col: at.col };
    const exhausted = e.code === 'RESOURCE_EXHAUSTION';
    const code = exhausted
      ? /alias/i.test(e.message)
        ? DiagnosticCode.Alias
        : DiagnosticCode.TooDeep
      : DiagnosticCode.Syntax;
    const message = e.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? e.message;
    const text = exhausted
      ? `YAML input exhausts the parser (${message}); expected a manifest of ordinary depth and size`
      : `YAML syntax: ${message}`;
    this.add(code, pos.line, pos.col, [], text, { severity });
  }

  document(value: unknown, locator: SourceLocator, documentIndex: number): void {
    if (
      isPlainObject(value) &&
      value.kind === 'List' &&
      Array.isArray(value.items) &&
      (value.apiVersion === 'v1' || value.apiVersion === undefined)
    ) {
      value.items.forEach((item, listIndex) => {
        this.resource(item, locator.child(['items', listIndex]), documentIndex, listIndex);
      });
      return;
    }
    this.resource(value, locator, documentIndex);
  }

  resource(value: unknown, locator: Locator, documentIndex: number, listIndex?: number): void {
    const start = locator.start;
    if (!isPlainObject(value)) {
      this.add(
        DiagnosticCode.NotAResource,
        start.line,
        start.column,
        [],
        `expected a Kubernetes object with apiVersion, kind and metadata, got ${describe(value)}`,
      );
      return;
    }
    const { apiVersion, kind } = value;
    if (typeof apiVersion !== 'string' || apiVersion === '' || typeof kind !== 'string' || kind === '') {
      const field = typeof apiVersion !== 'string' || apiVersion === '' ? 'apiVersion' : 'kind';
      const at = locator.locate([field]);
      const got = value[field] === undefined ? 'it is missing' : `got ${describe(value[field])}`;
      const example = field === 'apiVersion' ? 'e.g. networking.istio.io/v1' : 'e.g. VirtualService';
      this.add(
        DiagnosticCode.NotAResource,
        at.line,
        at.column,
        [field],
        `expected ${field} to be a non-empty string (${example}); ${got}`,
      );
      return;
    }
    const { group, version } = splitApiVersion(apiVersion);
    const def = findKind(group, kind);
    const meta = isPlainObject(value.metadata) ? value.metadata : {};
    const name =
      typeof meta.name === 'string'
        ? meta.name
        : typeof meta.generateName === 'string'
          ? meta.generateName
          : '';
    const namespaced = def ? def.namespaced : true;
    const namespace = namespaced
      ? typeof meta.namespace === 'string' && meta.namespace !== ''
        ? meta.namespace
        : this.defaultNamespace
      : undefined;
    const ref = resourceRef({ kind, namespace, name });
    let object: unknown = value;
    let failed = false;
    if (!def) {
      const mistake = kindMistake(group, kind);
      if (mistake) {
        const at = locator.locate(mistake.path);
        this.add(DiagnosticCode.UnknownKind, at.line, at.column, mistake.path, mistake.message, {
          resource: ref,
        });
        failed = true;
      } else {
        const at = locator.locate(['kind']);
        this.add(
          DiagnosticCode.UnknownKind,
          at.line,
          at.column,
          ['kind'],
          `unknown kind ${kind} (apiVersion ${apiVersion}): kept as an opaque object, not validated`,
          { severity: 'warning', resource: ref },
        );
      }
    } else if (!def.versions.includes(version)) {
      const at = locator.locate(['apiVersion']);
      const accepted = def.versions.map((v) => (group === '' ? v : `${group}/${v}`)).join(', ');
      this.add(
        DiagnosticCode.UnknownVersion,
        at.line,
        at.column,
        ['apiVersion'],
        `expected apiVersion ${accepted} for kind ${kind}, got ${JSON.stringify(apiVersion)}`,
        { resource: ref },
      );
      failed = true;
    } else {
      const r = validateWith(def.schema, value);
      if (r.valid) object = r.value;
      else {
        failed = true;
        for (const issue of r.issues) {
          const at = locator.locate(issue.path, { atKey: issue.code === DiagnosticCode.UnknownField });
          this.add(issue.code, at.line, at.column, issue.path, issue.message, { resource: ref });
        }
      }
    }
    if (name === '' && def !== undefined && !failed) {
      const at = locator.locate(['metadata', 'name']);
      this.add(
        DiagnosticCode.MissingField,
        at.line,
        at.column,
        ['metadata', 'name'],
        'required field is missing: expected metadata.name (or metadata.generateName)',
        { resource: ref },
      );
      failed = true;
    }
    if (failed) return;
    if (def !== undefined) this.checkNames(meta, locator, kind, ref);
    this.resources.push({
      apiVersion,
      group,
      version,
      kind,
      name,
      namespace,
      known: def !== undefined,
      object,
      source: {
        file: this.file,
        line: start.line,
        column: start.column,
        documentIndex,
        ...(listIndex === undefined ? {} : { listIndex }),
        locate: (path) => locator.locate(path),
      },
    });
  }
}
