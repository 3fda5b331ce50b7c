// When a kind is unknown, tell a typo (an error: the user meant a kind the mesh reads, and the resource would
// silently drop out of the mesh) from a kind the model does not model (a warning: ConfigMap, IstioOperator).
import type { FieldPath } from '../errors/diagnostic.js';
import { KINDS } from '../schema/kinds.js';
import { closest } from '../schema/suggest.js';

export interface KindMistake {
  /** Where the mistake is: `['kind']` or `['apiVersion']`. */
  readonly path: FieldPath;
  readonly message: string;
}

const defs = [...KINDS.values()];
const groups = [...new Set(defs.map((d) => d.group))].filter((g) => g !== '');

const apiVersionsOf = (group: string, versions: readonly string[]) =>
  versions.map((v) => (group === '' ? v : `${group}/${v}`)).join(', ');

/** A likely mistake behind an unknown `group`/`kind`, or undefined when it looks like a kind we do not model. */
export function kindMistake(group: string, kind: string): KindMistake | undefined {
  const sameName = defs.filter((d) => d.kind.toLowerCase() === kind.toLowerCase());
  const exact = sameName.filter((d) => d.kind === kind);
  if (exact.length > 0) {
    const where = exact.map((d) => apiVersionsOf(d.group, d.versions)).join(' or ');
    return {
      path: ['apiVersion'],
      message: `expected apiVersion ${where} for kind ${kind}, got group ${JSON.stringify(group === '' ? 'core (v1)' : group)}`,
    };
  }
  if (sameName.length > 0) {
    return {
      path: ['kind'],
      message: `unknown kind ${JSON.stringify(kind)}; did you mean ${JSON.stringify(sameName[0]?.kind)}? (kinds are case-sensitive)`,
    };
  }
  const inGroup = defs.filter((d) => d.group === group).map((d) => d.kind);
  if (inGroup.length > 0) {
    const hint = closest(kind, inGroup);
    if (hint !== undefined)
      return {
        path: ['kind'],
        message: `unknown kind ${JSON.stringify(kind)} in ${group === '' ? 'the core group' : group}; did you mean ${JSON.stringify(hint)}?`,
      };
    return undefined;
  }
  const groupHint = closest(group, groups);
  if (
    groupHint !== undefined &&
    defs.some((d) => d.group === groupHint && (d.kind === kind || closest(kind, [d.kind]) !== undefined))
  ) {
    return {
      path: ['apiVersion'],
      message: `unknown API group ${JSON.stringify(group)}; did you mean ${JSON.stringify(groupHint)}?`,
    };
  }
  return undefined;
}
