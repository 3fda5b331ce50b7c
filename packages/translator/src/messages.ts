// What translation found wrong in its input. The translator never throws for bad input: a dangling subset, a
// regex that does not compile or a patch that does not apply becomes a message, and the rest still translates.
import type { LoadedResource } from '@minimesh/model';

export type MessageSeverity = 'Error' | 'Warning' | 'Info';

/**
 * Every code the translator reports, one per problem. Where `istioctl analyze` has a code for the problem the
 * translator uses it with the analyzer's text (src/analysis/analyzers/ reports the same problem the same way);
 * the TR codes are the translator's own. TR0001 is retired (it was IST0174's problem) and is not reused.
 * Feature families keep their own registries beside this one: EnvoyFilterMessageCode (TR07xx),
 * GatewayApiMessageCode (MM_GWAPI_*) and the proxyless gRPC codes (MM_GRPC_*).
 */
export const MessageCode = {
  /** A referenced host, subset, credentialName or delegate does not exist (Istio's ReferencedResourceNotFound). */
  ReferencedResourceNotFound: 'IST0101',
  /** Sidecar VirtualServices defining the same host (Istio's ConflictingMeshGatewayVirtualServiceHosts). */
  ConflictingMeshGatewayVirtualServiceHosts: 'IST0109',
  /** A DestinationRule whose host is no service (Istio's UnknownDestinationRuleHost). */
  UnknownDestinationRuleHost: 'IST0174',
  /** TLS settings that cannot be applied: the cluster is built without TLS. */
  TlsNotApplied: 'TR0002',
  /** A service or setting minimesh does not translate (wildcard DYNAMIC_DNS, tunnel, proxyProtocol, ...). */
  Unsupported: 'TR0003',
  /** A translator failure while building one service's clusters; the proxy's other clusters are kept. */
  BuildFailed: 'TR0004',
  /** A gateway server that terminates TLS without a certificate: it gets no filter chain. */
  GatewayServerWithoutCertificate: 'TR0005',
  /** Two services wanting one outbound listener: the first keeps it. */
  ListenerConflict: 'TR0006',
  /** A delegate that names a VirtualService with hosts, which istiod never delegates to: the route is ignored. */
  DelegateWithHosts: 'TR0007',
  /** A delegate VirtualService not exported to the root's namespace: the route is ignored. */
  DelegateNotExported: 'TR0008',
  /** A delegate route whose matches conflict with the root's: that delegate route is dropped. */
  DelegateMatchConflict: 'TR0009',
  /** A credentialName naming a Secret outside the proxy's namespace, which istiod refuses to serve. */
  CrossNamespaceSecret: 'TR0010',
  /** A Secret that holds no usable certificate (or key, or CA) under the keys istiod reads: it is not sent. */
  InvalidCredential: 'TR0011',
} as const;
export type MessageCode = (typeof MessageCode)[keyof typeof MessageCode];

export interface TranslationMessage {
  /** Stable code; Istio's analyzer code where it has one (IST0101 ...). */
  readonly code: string;
  readonly severity: MessageSeverity;
  readonly message: string;
  /** `VirtualService default/reviews`. */
  readonly resource?: string;
  /** Where in the source, when known: `x.yaml:12`. */
  readonly file?: string;
  readonly line?: number;
}

/** Collects messages during a translation, deduplicated (one resource may be visited for several proxies). */
export class MessageSink {
  readonly #messages: TranslationMessage[] = [];
  readonly #seen = new Set<string>();

  add(message: TranslationMessage): void {
    const key = `${message.code}|${message.resource ?? ''}|${message.message}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.#messages.push(message);
  }

  /** A message about `resource`, placed at `path` inside it when the source can locate it. */
  about(
    resource: LoadedResource,
    code: string,
    severity: MessageSeverity,
    message: string,
    path: (string | number)[] = [],
  ): void {
    const at = resource.source.locate(path);
    this.add({
      code,
      severity,
      message,
      resource: `${resource.kind} ${resource.namespace === undefined ? '' : `${resource.namespace}/`}${resource.name}`,
      file: resource.source.file,
      line: at.line,
    });
  }

  list(): readonly TranslationMessage[] {
    return this.#messages;
  }
}

/** `Error [IST0101] (VirtualService default/reviews x.yaml:12) message`, as istioctl analyze prints. */
export function formatMessage(m: TranslationMessage): string {
  const where = m.file === undefined ? '' : ` ${m.file}${m.line === undefined ? '' : `:${m.line}`}`;
  const what = m.resource === undefined ? '' : ` (${m.resource}${where})`;
  return `${m.severity} [${m.code}]${what} ${m.message}`;
}
