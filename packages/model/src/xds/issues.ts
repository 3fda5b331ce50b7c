// Problems the codec finds in a value, collected before anything throws, and the CodecError that reports them.
import { formatPath } from '../errors/diagnostic.js';
import { CodecError, type CodecErrorCode } from '../errors/model-error.js';

/** A field path as segments: names, list indexes, map keys. */
export type PathSegment = string | number;

/** One problem, at `path` inside the message (`filter_chains[0].filters[0].typed_config.stat_prefix`). */
export interface CodecIssue {
  readonly code: CodecErrorCode;
  readonly path: string;
  readonly message: string;
}

/** Collects issues in the order the walk finds them. */
export class IssueList {
  readonly #issues: CodecIssue[] = [];

  add(code: CodecErrorCode, path: readonly PathSegment[], message: string): void {
    this.#issues.push({ code, path: formatPath(path), message });
  }

  /** Adds the issue a CodecError describes, its path taken as relative to `under`. */
  addError(error: CodecError, under: readonly PathSegment[]): void {
    const message = error.path === '' ? error.message : error.message.slice(error.path.length + 2);
    this.#issues.push({
      code: error.code as CodecErrorCode,
      path: joinPath(formatPath(under), error.path),
      message,
    });
  }

  get issues(): readonly CodecIssue[] {
    return this.#issues;
  }
}

/** `a.b` + `c[0]` -> `a.b.c[0]`; either side may be empty; a bracketed tail joins without a dot. */
export function joinPath(head: string, tail: string): string {
  if (head === '') return tail;
  if (tail === '') return head;
  return tail.startsWith('[') ? `${head}${tail}` : `${head}.${tail}`;
}

/**
 * The CodecError for a non-empty list of issues: code, path and message of the first, a count of the others, and
 * every issue as a CodecError in `cause` (an AggregateError).
 */
export function issuesError(issues: readonly CodecIssue[]): CodecError {
  const first = issues[0];
  if (first === undefined) throw new RangeError('issuesError needs at least one issue');
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  const all = issues.map((i) => new CodecError(i.code, i.path, i.message));
  return new CodecError(first.code, first.path, `${first.message}${more}`, {
    cause: new AggregateError(all, `${issues.length} codec issue(s)`),
  });
}

/** Throws the issues' CodecError unless the list is empty. */
export function throwIfIssues(issues: readonly CodecIssue[]): void {
  if (issues.length > 0) throw issuesError(issues);
}
