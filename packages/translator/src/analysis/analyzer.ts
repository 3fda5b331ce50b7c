// The analyzer plugin contract and the context every analyzer reads: the registry plus a report function that
// places each message at the offending field of its resource (file:line). Analyzers are pure functions of the
// registry: no I/O, no clock, and the same registry always yields the same messages.
import {
  type LoadedResource,
  type MeshService,
  type Registry,
  resolveShortName,
  type WorkloadInstance,
} from '@minimesh/model';
import type { MessageSeverity, TranslationMessage } from '../messages.js';

/** A field path inside a resource: `['spec', 'http', 0, 'route', 1, 'destination', 'subset']`. */
export type FieldPath = (string | number)[];

/** One check, like one of istioctl analyze's analyzers. */
export interface Analyzer {
  /** The message code it reports (Istio's where Istio has one). */
  readonly code: string;
  /** `virtualservice.DestinationHost`: stable, unique among analyzers. */
  readonly name: string;
  readonly description: string;
  run(ctx: AnalysisContext): void;
}

/** `VirtualService default/reviews`, as MessageSink prints resources. */
export function resourceLabel(r: Pick<LoadedResource, 'kind' | 'namespace' | 'name'>): string {
  return `${r.kind} ${r.namespace === undefined ? '' : `${r.namespace}/`}${r.name}`;
}

/** What analyzers read and where they report. */
export class AnalysisContext {
  readonly registry: Registry;
  readonly domainSuffix: string;
  readonly #messages: TranslationMessage[] = [];
  readonly #seen = new Set<string>();
  #workloads: readonly WorkloadInstance[] | undefined;

  constructor(registry: Registry) {
    this.registry = registry;
    this.domainSuffix = registry.domainSuffix;
  }

  /**
   * Reports a message about `resource` at the field `path` (or the nearest enclosing field that exists). One
   * message per code, resource, text and line: an analyzer visiting a field twice reports it once.
   */
  report(
    resource: LoadedResource,
    code: string,
    severity: MessageSeverity,
    message: string,
    path: FieldPath = [],
  ): void {
    const line = lineOf(resource, path);
    const label = resourceLabel(resource);
    const key = `${code}|${label}|${message}|${line}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#messages.push({ code, severity, message, resource: label, file: resource.source.file, line });
  }

  /** Adds a message already placed (file, line) by another part of the translator; deduplicated like report(). */
  add(message: TranslationMessage): void {
    const key = `${message.code}|${message.resource ?? ''}|${message.message}|${message.line ?? 0}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#messages.push(message);
  }

  /** Everything reported so far, in report order. */
  messages(): readonly TranslationMessage[] {
    return this.#messages;
  }

  /** `host` as written in a config of `namespace`, short names expanded (`reviews` -> `reviews.ns.svc...`). */
  fqdn(host: string, namespace: string | undefined): string {
    return resolveShortName(host, namespace ?? 'default', this.domainSuffix);
  }

  /**
   * The service a config of `namespace` reaches with `host` (short names expanded): a service visible there
   * with exactly that hostname, else a wildcard ServiceEntry host that covers it. Undefined when none exists.
   */
  serviceFor(host: string, namespace: string | undefined): MeshService | undefined {
    const name = this.fqdn(host, namespace);
    const visible = this.registry.visibleServices(namespace ?? 'default');
    return (
      visible.find((s) => s.hostname === name) ??
      visible.find((s) => s.hostname.startsWith('*') && name.endsWith(s.hostname.slice(1)))
    );
  }

  /** Workloads with a proxy a selector can pick: pods, WorkloadEntries and caller workloads (not SE endpoints). */
  workloads(): readonly WorkloadInstance[] {
    this.#workloads ??= this.registry.instances().filter((w) => w.source !== 'serviceentry');
    return this.#workloads;
  }
}

/** The line of `path` in the resource's file; the resource's own line if the source cannot be read again. */
function lineOf(resource: LoadedResource, path: FieldPath): number {
  try {
    return resource.source.locate(path).line;
  } catch {
    return resource.source.line;
  }
}

/** A label selector as Kubernetes prints it (labels.SelectorFromSet(...).String()): `k1=v1,k2=v2`, sorted. */
export function selectorString(labels: Readonly<Record<string, string>> | undefined): string {
  return Object.entries(labels ?? {})
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** Go's %q of a string (for the ASCII names configs hold): double quotes, `"` and `\` escaped. */
export function quote(s: string): string {
  return JSON.stringify(s);
}
