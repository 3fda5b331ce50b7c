// Which DestinationRule a proxy uses for a service, as Istio's push context decides (setDestinationRules,
// destinationRule, getExportedDestinationRuleFromNamespace, SidecarScope.DestinationRule):
// 1. rules of the proxy's namespace visible there (exportTo `*`, `.`, its own name, or none); for a proxy in the
//    root namespace, the root namespace's private rules;
// 2. else rules of the service's namespace exported to the proxy's namespace;
// 3. else rules of the root namespace exported to it.
// In each step the most specific host wins (the exact hostname, else the longest wildcard), and the first step
// with a matching host decides even when none of its rules applies in the end. Among the rules for that host, a
// rule whose workloadSelector matches the proxy's labels (and is in the proxy's namespace) wins over rules without
// a selector. Rules with a workloadSelector are never exported beyond their namespace.
import type { LoadedResource } from '../loader/loaded-resource.js';
import type { DestinationRule } from '../schema/istio/destination-rule.js';
import { mostSpecificHostMatch, resolveShortName } from './hostname.js';
import { freezeLabels, labelsEqual, labelsMatch, type MeshLabels } from './labels.js';
import { namespaceOf } from './mesh-kinds.js';
import { isExportedTo, isPrivateOnly, MeshVisibility, normalizeExportTo } from './visibility.js';

/** The DestinationRules that apply to one service for one proxy. */
export interface MeshDestinationRuleMatch {
  /** The rules' host (short names resolved), which may be a wildcard covering the service's hostname. */
  readonly host: string;
  /** The namespace the rules come from. */
  readonly namespace: string;
  /**
   * The rules Istio merges into one, in namespace/name order: the first one's traffic policy is used, subsets of
   * later ones are appended when their names are new. All have the same host and the same workloadSelector (or
   * none).
   */
  readonly rules: readonly LoadedResource<DestinationRule>[];
  /** True when the rules were chosen by their workloadSelector. */
  readonly bySelector: boolean;
}

interface Entry {
  readonly rule: LoadedResource<DestinationRule>;
  readonly namespace: string;
  readonly host: string;
  readonly exportTo: readonly string[];
  readonly selector: MeshLabels | undefined;
}

/** Entries by host, in namespace/name order with selector rules first (Istio's sortConfigBySelector...). */
type HostTable = Map<string, Entry[]>;

/** An index of DestinationRules; immutable once built. */
export class DestinationRuleIndex {
  readonly #rootNamespace: string;
  /** Rules usable by proxies of their own namespace. */
  readonly #namespaceLocal = new Map<string, HostTable>();
  /** Rules exported beyond their namespace. */
  readonly #exported = new Map<string, HostTable>();
  /** Private rules of the root namespace (for proxies in the root namespace). */
  readonly #rootLocal: HostTable = new Map();

  /** `rules` in namespace/name order. */
  constructor(
    rules: readonly LoadedResource<DestinationRule>[],
    rootNamespace: string,
    domainSuffix: string,
  ) {
    this.#rootNamespace = rootNamespace;
    const ordered = [
      ...rules.filter((r) => r.object.spec.workloadSelector !== undefined),
      ...rules.filter((r) => r.object.spec.workloadSelector === undefined),
    ];
    for (const rule of ordered) {
      const namespace = namespaceOf(rule);
      const spec = rule.object.spec;
      const selector =
        spec.workloadSelector === undefined ? undefined : freezeLabels(spec.workloadSelector.matchLabels);
      const exportTo = selector === undefined ? normalizeExportTo(spec.exportTo) : [MeshVisibility.Private];
      const entry: Entry = {
        rule,
        namespace,
        host: resolveShortName(spec.host, namespace, domainSuffix),
        exportTo,
        selector,
      };
      if (isExportedTo(exportTo, namespace, namespace)) add(this.#namespaceLocal, namespace, entry);
      if (!isPrivateOnly(exportTo, namespace)) add(this.#exported, namespace, entry);
      else if (namespace === rootNamespace) addTo(this.#rootLocal, entry);
    }
  }

  /**
   * The rules a proxy in `proxyNamespace` with `proxyLabels` uses for the service `hostname` of
   * `serviceNamespace`; undefined when none applies.
   */
  lookup(
    proxyNamespace: string,
    hostname: string,
    serviceNamespace: string,
    proxyLabels?: MeshLabels,
  ): MeshDestinationRuleMatch | undefined {
    const local =
      proxyNamespace === this.#rootNamespace ? this.#rootLocal : this.#namespaceLocal.get(proxyNamespace);
    const first = local === undefined ? undefined : bestHost(local, hostname);
    if (first !== undefined) return choose(first.host, first.entries, proxyNamespace, proxyLabels);
    for (const ns of [serviceNamespace, this.#rootNamespace]) {
      const table = this.#exported.get(ns);
      const found = table === undefined ? undefined : bestHost(table, hostname);
      if (found === undefined) continue;
      // Istio checks only `*` and the client's name here: `.` rules were found in step 1 already.
      const visible = found.entries.filter(
        (e) => e.exportTo.includes(MeshVisibility.Public) || e.exportTo.includes(proxyNamespace),
      );
      if (visible.length > 0) return choose(found.host, visible, proxyNamespace, proxyLabels);
    }
    return undefined;
  }
}

function add(index: Map<string, HostTable>, namespace: string, entry: Entry): void {
  let table = index.get(namespace);
  if (table === undefined) {
    table = new Map();
    index.set(namespace, table);
  }
  addTo(table, entry);
}

function addTo(table: HostTable, entry: Entry): void {
  const list = table.get(entry.host);
  if (list === undefined) table.set(entry.host, [entry]);
  else list.push(entry);
}

function bestHost(table: HostTable, hostname: string): { host: string; entries: Entry[] } | undefined {
  const host = mostSpecificHostMatch(hostname, table.keys());
  if (host === undefined) return undefined;
  const entries = table.get(host);
  return entries === undefined ? undefined : { host, entries };
}

/**
 * SidecarScope.DestinationRule: the first rule whose selector matches the proxy (rules of the proxy's namespace
 * only), with every rule of the same selector merged into it; else the rules without selector.
 */
function choose(
  host: string,
  entries: readonly Entry[],
  proxyNamespace: string,
  proxyLabels: MeshLabels | undefined,
): MeshDestinationRuleMatch | undefined {
  if (proxyLabels !== undefined) {
    const hit = entries.find(
      (e) =>
        e.selector !== undefined && e.namespace === proxyNamespace && labelsMatch(e.selector, proxyLabels),
    );
    if (hit !== undefined) {
      const same = entries.filter((e) => e.selector !== undefined && labelsEqual(e.selector, hit.selector));
      return freezeMatch(host, hit.namespace, same, true);
    }
  }
  const catchAll = entries.filter((e) => e.selector === undefined);
  if (catchAll.length === 0) return undefined;
  return freezeMatch(host, catchAll[0]?.namespace ?? '', catchAll, false);
}

function freezeMatch(host: string, namespace: string, entries: readonly Entry[], bySelector: boolean) {
  const rules = Object.freeze(entries.map((e) => e.rule));
  return Object.freeze({ host, namespace, rules, bySelector });
}
