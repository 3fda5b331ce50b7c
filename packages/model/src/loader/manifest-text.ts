// Small pure pieces of loading a manifest: text normalization, the first undefined YAML alias, and the metadata
// names the Kubernetes API server would refuse.
import { type Document, type LineCounter, visit } from 'yaml';
import { dns1035LabelProblem, dns1123LabelProblem, dns1123SubdomainProblem } from '../schema/kube-names.js';

/** Position of the first alias whose anchor is not defined before it, if any. */
export function firstBadAlias(
  doc: Document,
  lines: LineCounter,
): { line: number; column: number } | undefined {
  let found: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      if (node.resolve(doc) === undefined) {
        found = node.range?.[0];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (found === undefined) return undefined;
  const p = lines.linePos(found);
  return { line: p.line, column: p.col };
}

export function normalizeText(text: string): string {
  const unbommed = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return unbommed.includes('\r') ? unbommed.replace(/\r(?!\n)/g, '\n') : unbommed;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * The metadata names of an object of `kind` the API server would refuse: `name` (a DNS-1035 label for Services, a
 * DNS-1123 label for Namespaces, a DNS-1123 subdomain otherwise), `generateName` (without its trailing `-`) and
 * `namespace` (a DNS-1123 label), each with the problem's sentence.
 */
export function metadataNameProblems(
  meta: Record<string, unknown>,
  kind: string,
): { field: 'name' | 'generateName' | 'namespace'; problem: string }[] {
  const out: { field: 'name' | 'generateName' | 'namespace'; problem: string }[] = [];
  const check = (field: 'name' | 'generateName' | 'namespace', problem: string | undefined) => {
    if (problem !== undefined) out.push({ field, problem });
  };
  if (typeof meta.name === 'string')
    check(
      'name',
      kind === 'Service'
        ? dns1035LabelProblem(meta.name)
        : kind === 'Namespace'
          ? dns1123LabelProblem(meta.name)
          : dns1123SubdomainProblem(meta.name),
    );
  if (typeof meta.generateName === 'string' && meta.generateName !== '')
    check('generateName', dns1123SubdomainProblem(meta.generateName.replace(/-$/, '')));
  if (typeof meta.namespace === 'string' && meta.namespace !== '')
    check('namespace', dns1123LabelProblem(meta.namespace));
  return out;
}
