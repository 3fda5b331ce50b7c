// The shared access log stream against a real @grpc/grpc-js AccessLogService, with the proxy's real cluster
// manager: entries logged synchronously are batched by size (each message about buffer_size_bytes), or all in one
// message by the flush interval; the identifier is in a stream's first message only; while the cluster is
// missing the buffer keeps the newest entries within its bound and counts the dropped ones; close() sends what is
// buffered and ends the call.
import { decode, encode, type Node } from '@minimesh/model';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { assembleMessage, framedEntrySize, HTTP_ACCESS_LOG_ENTRY } from '../../src/access-log/als-message.js';
import { type AlsSettings, AlsStream, MIN_PENDING_CAP_BYTES } from '../../src/access-log/als-stream.js';
import { ClusterManager } from '../../src/cluster/cluster-manager.js';
import { StatsStore } from '../../src/stats/stats-store.js';
import { buildNode } from '../../src/xds/node-identity.js';
import { waitFor } from '../helpers/harness.js';
import { NODE_ID, staticCluster } from '../helpers/resources.js';
import { type AlsServer, startAlsServer } from './als-server.js';

let als: AlsServer;
let clusters: ClusterManager;
let stats: StatsStore;
const node: Node = buildNode({ nodeId: NODE_ID });
const open: AlsStream[] = [];

/** Entries of equal size: paths of the same length. */
const entry = (i: number) =>
  encode(HTTP_ACCESS_LOG_ENTRY, { request: { path: `/p${String(i).padStart(4, '0')}` } });
const ENTRY_BYTES = framedEntrySize(entry(0).byteLength);

function stream(logName: string, settings: AlsSettings, cluster = 'als'): AlsStream {
  const s = new AlsStream(cluster, logName, settings, {
    node,
    clusters,
    userAgent: 'test',
    written: stats.counter('access_logs.grpc_access_log.logs_written', 'w'),
    dropped: stats.counter('access_logs.grpc_access_log.logs_dropped', 'd'),
    backoff: { baseMs: 20, maxMs: 50 },
  });
  open.push(s);
  return s;
}

const callOf = (logName: string) => als.calls.find((c) => c.messages[0]?.identifier?.log_name === logName);
const paths = (logName: string) =>
  (callOf(logName)?.messages ?? []).map((m) => (m.http_logs?.log_entry ?? []).map((e) => e.request?.path));

beforeAll(async () => {
  als = await startAlsServer();
  stats = new StatsStore();
  clusters = new ClusterManager(stats);
  clusters.applyClusters([staticCluster('als', [als.port])], '1');
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((s) => s.close(200)));
});

afterAll(async () => {
  await clusters.destroy();
  await als.close();
});

describe('AlsStream', () => {
  it('assembles messages the codec decodes: the identifier, then http_logs in order', async () => {
    const bytes = assembleMessage(new Uint8Array(0), [entry(1), entry(2)]);
    expect(decode('envoy.service.accesslog.v3.StreamAccessLogsMessage', bytes)).toEqual({
      http_logs: { log_entry: [{ request: { path: '/p0001' } }, { request: { path: '/p0002' } }] },
    });
  });

  it('batches by size: each message holds about buffer_size_bytes', async () => {
    const s = stream('size', { flushIntervalMs: 3_600_000, bufferSizeBytes: 3 * ENTRY_BYTES });
    s.log(entry(0));
    s.flush();
    await waitFor(() => s.connected && s.pendingEntries === 0, 5_000, 'the first entry sent');
    for (let i = 1; i <= 8; i++) s.log(entry(i));
    await waitFor(() => paths('size').flat().length === 7, 5_000, 'two batches');
    expect(paths('size')).toEqual([
      ['/p0000'],
      ['/p0001', '/p0002', '/p0003'],
      ['/p0004', '/p0005', '/p0006'],
    ]);
    // The last two wait for the interval (an hour) or more entries.
    expect(s.pendingEntries).toBe(2);
    const messages = callOf('size')?.messages ?? [];
    expect(messages[0]?.identifier?.node?.id).toBe(NODE_ID);
    // The node as the ADS client sends it, in the codec's canonical form.
    expect(messages[0]?.identifier?.node).toEqual(
      decode('envoy.config.core.v3.Node', encode('envoy.config.core.v3.Node', node)),
    );
    expect(messages.slice(1).every((m) => m.identifier === undefined || m.identifier === null)).toBe(true);
  });

  it('sends everything buffered as one message when the interval ends', async () => {
    const s = stream('interval', { flushIntervalMs: 50, bufferSizeBytes: 1 << 20 });
    for (let i = 0; i < 5; i++) s.log(entry(i));
    await waitFor(() => paths('interval').flat().length === 5, 5_000, 'the flush');
    expect(paths('interval')).toEqual([['/p0000', '/p0001', '/p0002', '/p0003', '/p0004']]);
  });

  it('keeps the newest entries within its bound while the cluster is missing, counting the dropped', async () => {
    const droppedBefore = stats.value('access_logs.grpc_access_log.logs_dropped');
    const s = stream('missing', { flushIntervalMs: 20, bufferSizeBytes: 0 }, 'not-yet');
    const n = Math.ceil(MIN_PENDING_CAP_BYTES / ENTRY_BYTES) + 10;
    for (let i = 0; i < n; i++) s.log(entry(i));
    const kept = Math.floor(MIN_PENDING_CAP_BYTES / ENTRY_BYTES);
    expect(s.maxPendingBytes).toBe(MIN_PENDING_CAP_BYTES);
    expect(s.pendingEntries).toBe(kept);
    expect(stats.value('access_logs.grpc_access_log.logs_dropped') - droppedBefore).toBe(n - kept);
    expect(s.callsOpened).toBe(0);
    clusters.applyClusters([staticCluster('als', [als.port]), staticCluster('not-yet', [als.port])], '2');
    await waitFor(() => paths('missing').flat().length === kept, 5_000, 'the buffered entries');
    expect(paths('missing').flat()[0]).toBe(`/p${String(n - kept).padStart(4, '0')}`);
  });

  it('sends what is buffered on close and ends the call', async () => {
    const s = stream('closing', { flushIntervalMs: 3_600_000, bufferSizeBytes: 1 << 20 });
    s.log(entry(0));
    s.flush();
    await waitFor(() => s.connected, 5_000, 'the call');
    s.log(entry(1));
    await s.close(2_000);
    await waitFor(() => callOf('closing')?.ended === true, 5_000, 'the end of the call');
    expect(paths('closing').flat()).toEqual(['/p0000', '/p0001']);
  });
});
