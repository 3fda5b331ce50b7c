// The one helper that names a loaded resource for the page: a SourceRef with its file and line, or the line of a
// field inside it (`spec.subsets[1]`) when the path is found in its YAML.
import type { LoadedResource } from '@minimesh/model';
import type { SourceRef } from '../protocol.js';

/** `r` as a SourceRef; with `path`, at that field's line (the resource's own line when the path is not found). */
export function sourceRefOf(
  r: LoadedResource,
  path: readonly (string | number)[] = [],
  field?: string,
): SourceRef {
  const at = path.length === 0 ? undefined : r.source.locate(path);
  return {
    kind: r.kind,
    namespace: r.namespace ?? '',
    name: r.name,
    file: r.source.file,
    line: at?.exact === true ? at.line : r.source.line,
    ...(field === undefined ? {} : { field }),
  };
}
