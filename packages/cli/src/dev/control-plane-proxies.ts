// Which proxies are connected to the dev control plane, from the xDS server's stream hooks: a node's first request
// names it (Envoy sends the node on a stream's first request), and its snapshot is computed right then, before the
// server reads the cache for that request, so the first response already carries its whole configuration. ACKs and
// NACKs are reported as events, with the xDS version they accept or refuse (the responses each stream sent are
// remembered by nonce for that); when a node's last stream closes its snapshot is dropped.
import type {
  DeltaDiscoveryRequest,
  DeltaDiscoveryResponse,
  DiscoveryRequest,
  DiscoveryResponse,
} from '@minimesh/model';
import type { StreamInfo, XdsCallbacks } from '@minimesh/xds-server';
import type { EventHub } from './control-plane-events.js';

type StructValue =
  | { structValue?: { fields?: Record<string, StructValue> }; stringValue?: string }
  | undefined;

/** Node metadata LABELS (a Struct of strings, as istio-agent writes it), or undefined. */
export function metadataLabels(metadata: unknown): Record<string, string> | undefined {
  const fields = (metadata as { fields?: Record<string, StructValue> } | undefined)?.fields;
  const labels = fields?.LABELS?.structValue?.fields;
  if (labels === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (typeof v?.stringValue === 'string') out[k] = v.stringValue;
  return out;
}

/** Responses remembered per stream and type: a NACK or ACK answers one of the last few nonces (older ones are stale). */
const SENT_KEPT = 4;

export class ProxyTracker {
  /** Stream id -> node id. */
  readonly #streams = new Map<number, string>();
  /** Stream id -> type URL -> the last SENT_KEPT responses' nonce -> version, oldest first. */
  readonly #sent = new Map<number, Map<string, Map<string, string>>>();
  /** Node id -> open streams. */
  readonly #nodes = new Map<string, number>();
  /** Node id -> the LABELS of its node metadata, when it sent any. */
  readonly #labels = new Map<string, Record<string, string>>();

  constructor(
    private readonly hub: EventHub,
    private readonly connected: (nodeId: string) => void,
    private readonly disconnected: (nodeId: string) => void,
  ) {}

  /** The labels a node sent in its metadata (used for proxies the workload plan does not know). */
  labelsOf(nodeId: string): Readonly<Record<string, string>> | undefined {
    return this.#labels.get(nodeId);
  }

  /** Connected node ids, in connection order. */
  nodes(): string[] {
    return [...this.#nodes.keys()];
  }

  callbacks(): XdsCallbacks {
    return {
      onStreamRequest: (info, request) => this.#request(info, request),
      onStreamResponse: (info, response) => this.#response(info, response),
      onStreamClose: (info) => this.#close(info),
      onHookError: (error) =>
        this.hub.emit({ type: 'error', message: `xDS hook: ${(error as Error).message}` }),
    };
  }

  #request(info: StreamInfo, request: DiscoveryRequest | DeltaDiscoveryRequest): void {
    let nodeId = this.#streams.get(info.streamId);
    if (nodeId === undefined) {
      nodeId = request.node?.id ?? '';
      if (nodeId === '') return;
      this.#streams.set(info.streamId, nodeId);
      const labels = metadataLabels(request.node?.metadata);
      if (labels !== undefined) this.#labels.set(nodeId, labels);
      const open = this.#nodes.get(nodeId) ?? 0;
      this.#nodes.set(nodeId, open + 1);
      if (open === 0) {
        this.connected(nodeId);
        this.hub.emit({ type: 'proxy', event: 'connected', nodeId });
      }
    }
    const typeUrl = request.type_url ?? info.typeUrl ?? '';
    const nonce = request.response_nonce ?? '';
    const sent = this.#sent.get(info.streamId)?.get(typeUrl);
    const answered = sent?.get(nonce);
    if (request.error_detail !== undefined && request.error_detail !== null) {
      const message = request.error_detail.message ?? '';
      // The refused version: the response the nonce answers, else the last one sent for the type.
      const version = answered ?? [...(sent?.values() ?? [])].pop();
      this.hub.emit({
        type: 'proxy',
        event: 'nack',
        nodeId,
        typeUrl,
        message,
        ...(version === undefined ? {} : { version }),
      });
    } else if (nonce !== '') {
      // State of the world: version_info is what the proxy applied; delta requests carry none.
      const stated = 'version_info' in request ? request.version_info : undefined;
      const version = stated !== undefined && stated !== '' ? stated : answered;
      this.hub.emit({
        type: 'proxy',
        event: 'ack',
        nodeId,
        typeUrl,
        ...(version === undefined ? {} : { version }),
      });
    }
  }

  #response(info: StreamInfo, response: DiscoveryResponse | DeltaDiscoveryResponse): void {
    const nonce = response.nonce ?? '';
    const version =
      'version_info' in response
        ? response.version_info
        : 'system_version_info' in response
          ? response.system_version_info
          : undefined;
    if (nonce === '' || version === undefined || version === '') return;
    const typeUrl = response.type_url ?? info.typeUrl ?? '';
    let types = this.#sent.get(info.streamId);
    if (types === undefined) {
      types = new Map();
      this.#sent.set(info.streamId, types);
    }
    let sent = types.get(typeUrl);
    if (sent === undefined) {
      sent = new Map();
      types.set(typeUrl, sent);
    }
    sent.set(nonce, version);
    for (const old of sent.keys()) {
      if (sent.size <= SENT_KEPT) break;
      sent.delete(old);
    }
  }

  #close(info: StreamInfo): void {
    this.#sent.delete(info.streamId);
    const nodeId = this.#streams.get(info.streamId);
    if (nodeId === undefined) return;
    this.#streams.delete(info.streamId);
    const open = (this.#nodes.get(nodeId) ?? 1) - 1;
    if (open > 0) {
      this.#nodes.set(nodeId, open);
      return;
    }
    this.#nodes.delete(nodeId);
    this.#labels.delete(nodeId);
    this.disconnected(nodeId);
    this.hub.emit({ type: 'proxy', event: 'disconnected', nodeId });
  }
}
