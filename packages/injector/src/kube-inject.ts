// kube-inject: `injectManifests(yamlText)` adds sidecars to every Pod, Deployment, StatefulSet, DaemonSet,
// ReplicaSet, ReplicationController, Job and CronJob (and to those inside a `kind: List`) and prints the same
// stream back. Documents it does not change are copied byte for byte from the input (comments, order, quoting
// and all); in a changed document the patch is applied node by node, so comments and order outside the
// injected fields are kept too. This is what `mesh inject -f deploy.yaml` prints.
import { type Diagnostic, loadManifests } from '@minimesh/model';
import { CST, type Document, isMap, isSeq, Parser, parseDocument } from 'yaml';
import { ManifestError } from './errors.js';
import type { InjectOptions, InjectReport } from './inject/inject.js';
import { inject } from './inject/inject.js';
import type { PatchOperation } from './inject/patch.js';
import type { PodLike } from './types.js';
import { isRecord } from './types.js';

/** Where the pod template sits in each workload kind. */
const TEMPLATE_PATHS: Readonly<Record<string, readonly (string | number)[]>> = {
  Pod: [],
  Deployment: ['spec', 'template'],
  StatefulSet: ['spec', 'template'],
  DaemonSet: ['spec', 'template'],
  ReplicaSet: ['spec', 'template'],
  ReplicationController: ['spec', 'template'],
  DeploymentConfig: ['spec', 'template'],
  Job: ['spec', 'template'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template'],
};

export interface ManifestReport {
  kind: string;
  name: string;
  namespace: string;
  /** 1-based line of the document in the input. */
  line: number;
  report: InjectReport;
}

export interface InjectManifestsResult {
  text: string;
  reports: ManifestReport[];
  /**
   * What @minimesh/model finds wrong in the input (unknown fields, bad values), with file:line positions. They do
   * not stop injection: kube-inject passes through what it does not read, as Istio's does.
   */
  diagnostics: Diagnostic[];
}

export interface InjectManifestsOptions
  extends Omit<InjectOptions, 'owner' | 'namespace' | 'namespaceLabels'> {
  /** The input's file name, for diagnostics. */
  file?: string;
}

function unescapeToken(token: string): string | number {
  const t = token.replace(/~1/g, '/').replace(/~0/g, '~');
  return /^\d+$/.test(t) ? Number(t) : t;
}

/** Applies one JSON patch operation to a YAML document under `base`, node by node. */
function applyOp(doc: Document, base: readonly (string | number)[], op: PatchOperation): void {
  const tokens = op.path.split('/').slice(1).map(unescapeToken);
  const path = [...base, ...tokens];
  const last = tokens[tokens.length - 1];
  const parentPath = path.slice(0, -1);
  const parent = doc.getIn(parentPath, true);
  if (op.op === 'remove') {
    doc.deleteIn(path);
    return;
  }
  const node = doc.createNode(op.value);
  if (op.op === 'add' && isSeq(parent)) {
    if (last === '-') parent.items.push(node);
    else parent.items.splice(Number(last), 0, node);
    return;
  }
  if (isMap(parent) || isSeq(parent) || parent === undefined) {
    doc.setIn(path, node);
    return;
  }
  throw new ManifestError(`cannot apply ${op.op} at ${op.path}: the parent is not a mapping or list`);
}

function injectObject(
  doc: Document,
  obj: Record<string, unknown>,
  base: readonly (string | number)[],
  line: number,
  options: InjectManifestsOptions,
  reports: ManifestReport[],
): boolean {
  const kind = typeof obj.kind === 'string' ? obj.kind : '';
  if (kind === 'List' && Array.isArray(obj.items)) {
    let changed = false;
    obj.items.forEach((item, i) => {
      if (isRecord(item))
        changed = injectObject(doc, item, [...base, 'items', i], line, options, reports) || changed;
    });
    return changed;
  }
  const templatePath = TEMPLATE_PATHS[kind];
  if (templatePath === undefined) return false;
  const meta = isRecord(obj.metadata) ? obj.metadata : {};
  const name = typeof meta.name === 'string' ? meta.name : '';
  const namespace = typeof meta.namespace === 'string' ? meta.namespace : '';
  let pod: unknown = obj;
  for (const key of templatePath) pod = isRecord(pod) ? pod[key] : undefined;
  if (!isRecord(pod) || !isRecord(pod.spec)) {
    throw new ManifestError(`${kind} ${name}: ${templatePath.join('.') || 'spec'} has no pod spec`, line);
  }
  const podLike = { metadata: pod.metadata ?? {}, spec: pod.spec } as PodLike;
  const owner =
    kind === 'Pod'
      ? undefined
      : {
          typeMeta: { apiVersion: typeof obj.apiVersion === 'string' ? obj.apiVersion : '', kind },
          deployMeta: { name, namespace },
        };
  let result: ReturnType<typeof inject>;
  try {
    const { file: _file, ...injectOptions } = options;
    result = inject(podLike, {
      ...injectOptions,
      namespace: namespace || 'default',
      ...(owner ? { owner } : {}),
    });
  } catch (e) {
    throw new ManifestError(
      `${kind} ${namespace ? `${namespace}/` : ''}${name}: ${(e as Error).message}`,
      line,
      e,
    );
  }
  reports.push({ kind, name, namespace, line, report: result.report });
  if (pod.metadata === undefined && result.patch.length > 0)
    doc.setIn([...base, ...templatePath, 'metadata'], doc.createNode({}));
  for (const op of result.patch) applyOp(doc, [...base, ...templatePath], op);
  return result.patch.length > 0;
}

/** Injects every workload in a YAML stream; throws ManifestError (with the document's line) on bad input. */
export function injectManifests(
  yamlText: string,
  options: InjectManifestsOptions = {},
): InjectManifestsResult {
  const reports: ManifestReport[] = [];
  let out = '';
  for (const token of new Parser().parse(yamlText)) {
    const source = CST.stringify(token);
    if (token.type !== 'document') {
      out += source;
      continue;
    }
    // The document's line is its first line after an explicit `---` marker.
    const marker = /^---[ \t]*\r?\n/.test(source) ? 1 : 0;
    const line = yamlText.slice(0, token.offset).split('\n').length + marker;
    const doc = parseDocument(source, { keepSourceTokens: false });
    const first = doc.errors[0];
    if (first !== undefined) {
      const at = first.linePos?.[0]?.line;
      throw new ManifestError(
        first.message.split('\n')[0] ?? 'invalid YAML',
        at === undefined ? line : line - marker + at - 1,
      );
    }
    const value: unknown = doc.toJS();
    const changed = isRecord(value) && injectObject(doc, value, [], line, options, reports);
    out += changed ? ensureNewline(doc.toString({ lineWidth: 0 })) : source;
  }
  const diagnostics = loadManifests(yamlText, { file: options.file ?? '<input>' }).diagnostics;
  return { text: out, reports, diagnostics };
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}
