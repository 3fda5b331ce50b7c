// How a node is mapped to the key its snapshot is stored under. Several nodes may share a key (one snapshot for
// a whole group of proxies); the default key is the node's id.
import type { Node } from '@minimesh/model';

/** Maps the `node` of a discovery request to a snapshot key. Must be pure: the same node gives the same key. */
export type NodeHash = (node: Node) => string;

/** The default node hash: `node.id` ('' when the node has no id). */
export const nodeIdHash: NodeHash = (node) => node.id ?? '';
