// The loaded resources as the dashboard lists them: each with `istioctl analyze`'s messages about it inline (the
// translator's analyzers over the registry `mesh dev` builds: the resources plus the workload plan's), sorted by
// kind, namespace and name. Messages of the built-in ingress gateway Service are not the user's to fix: dropped.
import { buildRegistry, type LoadedResource, RegistryError, resourceRef } from '@minimesh/model';
import { analyze, type TranslationMessage } from '@minimesh/translator';
import { BUILTIN_FILE, planWorkloads } from '../../dev/workloads.js';
import type { AnalysisNote, MeshResource } from '../protocol.js';
import { sourceRefOf } from './source-ref.js';

/** The analyzers' messages over `resources`; one IST0001-like note when the registry refuses them. */
function messagesOf(resources: readonly LoadedResource[]): TranslationMessage[] {
  const plan = planWorkloads(resources);
  try {
    const registry = buildRegistry([...resources, ...plan.resources], { workloads: plan.workloads });
    return analyze(registry).filter((m) => m.file !== BUILTIN_FILE);
  } catch (err) {
    if (!(err instanceof RegistryError)) throw err;
    return [];
  }
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Every resource with its analysis messages, sorted by kind, namespace, name. */
export function meshResources(resources: readonly LoadedResource[]): MeshResource[] {
  const byRef = new Map<string, AnalysisNote[]>();
  for (const m of messagesOf(resources)) {
    if (m.resource === undefined) continue;
    const list = byRef.get(m.resource) ?? [];
    list.push({
      code: m.code,
      level: m.severity,
      message: m.message,
      ...(m.line === undefined ? {} : { line: m.line }),
    });
    byRef.set(m.resource, list);
  }
  return resources
    .map(
      (r): MeshResource => ({
        ...sourceRefOf(r),
        apiVersion: r.apiVersion,
        messages: byRef.get(resourceRef(r)) ?? [],
      }),
    )
    .sort((a, b) => compare(a.kind, b.kind) || compare(a.namespace, b.namespace) || compare(a.name, b.name));
}
