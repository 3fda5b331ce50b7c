import { type Diagnostic, DiagnosticCode } from '../errors/diagnostic.js';
import { type LoadedResource, resourceKey, resourceRef } from './loaded-resource.js';

/**
 * One error per resource that repeats the kind, namespace and name of an earlier one (the first is kept):
 * two objects with one identity would silently replace each other when applied.
 */
export function dedupe(resources: readonly LoadedResource[]): {
  kept: LoadedResource[];
  diagnostics: Diagnostic[];
} {
  const first = new Map<string, LoadedResource>();
  const out: Diagnostic[] = [];
  const kept: LoadedResource[] = [];
  for (const r of resources) {
    // Opaque objects of unknown kinds may be nameless (istioctl's IstioOperator files); they have no identity.
    if (r.name === '') {
      kept.push(r);
      continue;
    }
    const key = resourceKey(r);
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, r);
      kept.push(r);
      continue;
    }
    const where = `${earlier.source.file}:${earlier.source.line}`;
    out.push({
      code: DiagnosticCode.Duplicate,
      severity: 'error',
      file: r.source.file,
      line: r.source.line,
      column: r.source.column,
      path: ['metadata', 'name'],
      message: `expected a unique name: ${resourceRef(r)} is also defined at ${where}`,
      resource: resourceRef(r),
    });
  }
  return { kept, diagnostics: out };
}
