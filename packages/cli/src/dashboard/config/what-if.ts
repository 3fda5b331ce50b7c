// What-if: the recorded requests replayed against an edited mesh file that is not applied. The edit is loaded
// with the model's loader (any error: its diagnostics, nothing replayed), replaces that file's resources in the
// current config (a new file adds its resources; a resource of another file with the same identity is replaced,
// as an apply would), and each distinct (proxy, call) of the most recent source-reported requests is simulated on
// both configs, each proxy translated once per config. The old side uses the draw that lands a weighted pick where
// the request went; the new side the same draw, so a weighted change shows as the share of requests that move.
import { existsSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import {
  buildRegistry,
  type Diagnostic,
  formatPath,
  type LoadedResource,
  loadManifests,
  RegistryError,
  resourceKey,
} from '@minimesh/model';
import { type SimulatedCall, type SimulationResult, simulate } from '@minimesh/translator';
import { meshConfigOf } from '../../dev/mesh-config-map.js';
import { planWorkloads } from '../../dev/workloads.js';
import type { RequestRecord, WhatIfChange, WhatIfOutcome, WhatIfResult } from '../protocol.js';
import { type NodeTranslation, translateNode } from './node-translation.js';
import { recordedCall, simulateAsRecorded } from './recorded-call.js';
import { TraceError, WhatIfError } from './trace-error.js';

/** `file:line:col: field: message` (no field part for a diagnostic of the whole document). */
export function diagnosticText(d: Diagnostic): string {
  const path = formatPath(d.path);
  return `${d.file}:${d.line}:${d.column}: ${path === '' ? '' : `${path}: `}${d.message}`;
}

/**
 * The absolute path of `file` (relative to `dir`, or absolute inside it). Throws WhatIfError for a path outside
 * `dir` (WHATIF_OUTSIDE_DIR) or not ending in .yaml / .yml (WHATIF_NOT_YAML).
 */
export function resolveMeshFile(dir: string, file: string): string {
  const root = resolve(dir);
  const path = resolve(root, file);
  const rel = relative(root, path);
  if (rel === '' || rel === '..' || rel.startsWith('../') || rel.startsWith('..\\') || isAbsolute(rel))
    throw new WhatIfError(
      'WHATIF_OUTSIDE_DIR',
      `file ${JSON.stringify(file)} is outside the mesh directory ${root}; expected a path inside it`,
    );
  if (!/\.ya?ml$/i.test(path))
    throw new WhatIfError(
      'WHATIF_NOT_YAML',
      `file ${JSON.stringify(file)}: expected a .yaml or .yml file of the mesh directory`,
    );
  // What the control plane never loads (hidden entries, node_modules) is no mesh file either.
  if (rel.split(/[\\/]/).some((s) => s.startsWith('.') || s === 'node_modules'))
    throw new WhatIfError(
      'WHATIF_OUTSIDE_DIR',
      `file ${JSON.stringify(file)}: hidden entries and node_modules are not mesh files; expected a manifest path`,
    );
  // A symbolic link inside the directory must not lead out of it: the real path of the file (or of its nearest
  // existing parent) stays under the directory's real path.
  const realRoot = realOrSelf(root);
  let probe = path;
  while (!existsSync(probe) && probe !== root) probe = dirname(probe);
  const real = realOrSelf(probe);
  const realRel = relative(realRoot, real);
  if (realRel.startsWith('..') || isAbsolute(realRel))
    throw new WhatIfError(
      'WHATIF_OUTSIDE_DIR',
      `file ${JSON.stringify(file)} leads outside the mesh directory ${root} through a symbolic link; expected a path inside it`,
    );
  return path;
}

function realOrSelf(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** `current` with the resources of `path` replaced by `edited`. */
export function replaceFile(
  current: readonly LoadedResource[],
  path: string,
  edited: readonly LoadedResource[],
): LoadedResource[] {
  const keys = new Set(edited.map((r) => resourceKey(r)));
  const kept = current.filter((r) => resolve(r.source.file) !== path && !keys.has(resourceKey(r)));
  return [...kept, ...edited];
}

function outcomeOf(result: SimulationResult): WhatIfOutcome {
  return {
    outcome: result.outcome,
    ...(result.cluster === undefined ? {} : { cluster: result.cluster }),
    ...(result.status === undefined ? {} : { status: result.status }),
    flags: result.responseFlag ?? '-',
    ...(result.route?.name === undefined ? {} : { route: result.route.name }),
  };
}

const sameOutcome = (a: WhatIfOutcome, b: WhatIfOutcome) =>
  a.outcome === b.outcome && a.cluster === b.cluster && a.status === b.status && a.flags === b.flags;

/** Translations per proxy, once per config; a proxy the config cannot translate is remembered as its error. */
class Translations {
  readonly #cache = new Map<string, NodeTranslation | TraceError>();
  constructor(readonly resources: readonly LoadedResource[]) {}

  of(nodeId: string): NodeTranslation | TraceError {
    let t = this.#cache.get(nodeId);
    if (t === undefined) {
      try {
        t = translateNode(this.resources, nodeId);
      } catch (err) {
        if (!(err instanceof TraceError)) throw err;
        t = err;
      }
      this.#cache.set(nodeId, t);
    }
    return t;
  }
}

/**
 * Why the control plane would refuse `resources` as a whole, as it checks a change before applying it: the
 * workload plan's errors, the `istio` ConfigMap's, the registry's. Empty when it would accept them.
 */
export function refusal(resources: readonly LoadedResource[]): string[] {
  const plan = planWorkloads(resources);
  const errors = [...plan.diagnostics, ...meshConfigOf(resources).diagnostics].filter(
    (d) => d.severity === 'error',
  );
  if (errors.length > 0) return errors.map((d) => diagnosticText(d as Diagnostic));
  try {
    buildRegistry([...resources, ...plan.resources], { workloads: plan.workloads });
  } catch (err) {
    if (!(err instanceof RegistryError)) throw err;
    return [`${err.message}; the control plane would refuse this change`];
  }
  return [];
}

export interface WhatIfInput {
  readonly records: readonly RequestRecord[];
  readonly current: readonly LoadedResource[];
  /** The mesh directory. */
  readonly dir: string;
  /** The edited file, relative to `dir`. */
  readonly file: string;
  readonly content: string;
  /** Most recent source-reported records replayed (default 1000). */
  readonly limit?: number;
}

/** Replays recorded requests against the edit (see the file comment). Throws WhatIfError for a bad `file`. */
export function whatIf(input: WhatIfInput): WhatIfResult {
  const path = resolveMeshFile(input.dir, input.file);
  const loaded = loadManifests(input.content, { file: path });
  if (!loaded.ok)
    return { ok: false, diagnostics: loaded.errors.map(diagnosticText), replayed: 0, changed: [] };
  const warnings = loaded.warnings.map(diagnosticText);
  const next = replaceFile(input.current, path, loaded.resources);
  const refused = refusal(next);
  if (refused.length > 0) return { ok: false, diagnostics: refused, replayed: 0, changed: [] };
  const before = new Translations(input.current);
  const after = new Translations(next);
  const recent = input.records
    .filter((r) => r.reporter === 'source')
    .sort((a, b) => a.time - b.time || a.id - b.id)
    .reverse()
    .slice(0, Math.max(0, input.limit ?? 1000));
  const seen = new Set<string>();
  const changed: WhatIfChange[] = [];
  for (const record of recent) {
    const old = before.of(record.proxy);
    if (old instanceof TraceError) continue;
    let replay: { call: SimulatedCall; result: SimulationResult };
    try {
      replay = simulateAsRecorded(record, old, recordedCall(record, old));
    } catch (err) {
      if (err instanceof TraceError) continue;
      throw err;
    }
    // Newest first: the first record of each (proxy, call) stands for it.
    const key = `${record.proxy}\n${JSON.stringify(replay.call)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const next = after.of(record.proxy);
    const a = outcomeOf(replay.result);
    const b: WhatIfOutcome =
      next instanceof TraceError
        ? { outcome: 'no_proxy', flags: '-' }
        : outcomeOf(simulate(next.translation, replay.call));
    if (!sameOutcome(a, b)) changed.push({ request: record, before: a, after: b });
  }
  return { ok: true, diagnostics: warnings, replayed: seen.size, changed };
}
