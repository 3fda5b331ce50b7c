// What the server knows of every connected proxy: its node, when its stream started and last spoke, and per
// resource type the versions sent, ACKed and NACKed (with the NACK's text), summed up as `istioctl
// proxy-status` does: SYNCED (the last version sent was ACKed), NOT_SENT (nothing sent yet), STALE (sent, no
// answer yet), NACK (the last version sent was refused; the ACKed version stays the one before).
import type { Node } from '@minimesh/model';

export type SyncStatus = 'SYNCED' | 'NOT_SENT' | 'STALE' | 'NACK';

export interface TypeStatus {
  readonly typeUrl: string;
  /** Version of the last response sent (delta: the system version, a hash of what the client now has). */
  readonly sentVersion: string | undefined;
  /** Nonce of the last response sent. */
  readonly sentNonce: string | undefined;
  /** Last version the client ACKed; a NACK leaves it unchanged. */
  readonly ackedVersion: string | undefined;
  /** Last version the client NACKed, and the client's error_detail message. */
  readonly nackedVersion: string | undefined;
  readonly nackMessage: string | undefined;
  /** Names the client subscribed to ('*' for wildcard). */
  readonly subscribed: readonly string[];
  readonly status: SyncStatus;
}

export interface ProxyStatus {
  /** Server-unique stream number. */
  readonly streamId: number;
  readonly protocol: 'sotw' | 'delta';
  /** node.id, and the key its snapshot is read under; '' until the first request arrives. */
  readonly nodeId: string;
  readonly nodeKey: string;
  readonly node: Node | undefined;
  readonly streamStart: Date;
  readonly lastRequest: Date | undefined;
  readonly types: readonly TypeStatus[];
}

interface MutableTypeStatus {
  sentVersion: string | undefined;
  sentNonce: string | undefined;
  ackedVersion: string | undefined;
  nackedVersion: string | undefined;
  nackMessage: string | undefined;
  /** Reads the names the client subscribes to now (kept by the stream, copied only when status is read). */
  subscribed: () => readonly string[];
}

const NONE: () => readonly string[] = () => [];

/** Status of one stream; the stream reports to it, readers get immutable copies. */
export class StreamStatus {
  readonly streamId: number;
  readonly protocol: 'sotw' | 'delta';
  readonly streamStart = new Date();
  #node: Node | undefined;
  #nodeKey = '';
  #lastRequest: Date | undefined;
  readonly #types = new Map<string, MutableTypeStatus>();

  constructor(streamId: number, protocol: 'sotw' | 'delta') {
    this.streamId = streamId;
    this.protocol = protocol;
  }

  get nodeId(): string {
    return this.#node?.id ?? '';
  }

  setNode(node: Node, key: string): void {
    this.#node = node;
    this.#nodeKey = key;
  }

  /** A request for a type arrived; `subscribed` reads the names the client subscribes to from then on. */
  requested(typeUrl: string, subscribed: () => readonly string[]): void {
    this.#lastRequest = new Date();
    this.#type(typeUrl).subscribed = subscribed;
  }

  sent(typeUrl: string, version: string, nonce: string): void {
    const t = this.#type(typeUrl);
    t.sentVersion = version;
    t.sentNonce = nonce;
  }

  /** The client accepted `version` (state of the world: version_info is what the client applied). */
  acked(typeUrl: string, version: string): void {
    this.#type(typeUrl).ackedVersion = version;
  }

  nacked(typeUrl: string, version: string, message: string): void {
    const t = this.#type(typeUrl);
    t.nackedVersion = version;
    t.nackMessage = message;
  }

  snapshot(): ProxyStatus {
    const types = [...this.#types].map(([typeUrl, t]): TypeStatus => {
      let status: SyncStatus;
      if (t.sentVersion === undefined) status = 'NOT_SENT';
      else if (t.nackedVersion !== undefined && t.nackedVersion === t.sentVersion) status = 'NACK';
      else if (t.ackedVersion === t.sentVersion) status = 'SYNCED';
      else status = 'STALE';
      return { typeUrl, ...t, subscribed: [...t.subscribed()], status };
    });
    return {
      streamId: this.streamId,
      protocol: this.protocol,
      nodeId: this.nodeId,
      nodeKey: this.#nodeKey,
      node: this.#node,
      streamStart: this.streamStart,
      lastRequest: this.#lastRequest,
      types,
    };
  }

  #type(typeUrl: string): MutableTypeStatus {
    let t = this.#types.get(typeUrl);
    if (t === undefined) {
      t = {
        sentVersion: undefined,
        sentNonce: undefined,
        ackedVersion: undefined,
        nackedVersion: undefined,
        nackMessage: undefined,
        subscribed: NONE,
      };
      this.#types.set(typeUrl, t);
    }
    return t;
  }
}

/** Every open stream's status. */
export class StatusRegistry {
  readonly #streams = new Map<number, StreamStatus>();

  open(streamId: number, protocol: 'sotw' | 'delta'): StreamStatus {
    const s = new StreamStatus(streamId, protocol);
    this.#streams.set(streamId, s);
    return s;
  }

  close(streamId: number): void {
    this.#streams.delete(streamId);
  }

  /** Status of every open stream, oldest first. */
  list(): ProxyStatus[] {
    return [...this.#streams.values()].map((s) => s.snapshot());
  }

  /** Status of the streams of one node id. */
  ofNode(nodeId: string): ProxyStatus[] {
    return this.list().filter((s) => s.nodeId === nodeId);
  }
}
