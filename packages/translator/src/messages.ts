// What translation found wrong in its input. The translator never throws for bad input: a dangling subset, a
// regex that does not compile or a patch that does not apply becomes a message, and the rest still translates.
import type { LoadedResource } from '@minimesh/model';

export type MessageSeverity = 'Error' | 'Warning' | 'Info';

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
