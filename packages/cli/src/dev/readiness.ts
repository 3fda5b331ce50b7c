// When the dev mesh is ready: every proxy `mesh dev` started is connected and SYNCED (each xDS type it was sent was
// ACKed, as `istioctl proxy-status` shows it), every app accepts TCP connections on its port, and the ingress gateway
// answers an HTTP request (any status). The wait is bounded; on timeout the error names what is not ready.
import { connect } from 'node:net';
import type { ControlPlaneStatus } from './control-plane-status.js';

export const DEFAULT_READY_TIMEOUT_MS = 60_000;
/** Between two checks, ms. */
const POLL_MS = 50;

export interface ReadinessTargets {
  /** The node ids of the proxies started. */
  readonly nodeIds: readonly string[];
  /** App name -> the local port it listens on. */
  readonly apps: ReadonlyMap<string, number>;
  /** The gateway's local HTTP port (none: no gateway check). */
  readonly gatewayPort?: number;
  readonly status: () => ControlPlaneStatus;
  readonly timeoutMs?: number;
  /** Stops the wait early (the mesh is being stopped). */
  readonly signal?: AbortSignal;
}

export class NotReadyError extends Error {
  readonly code = 'MESH_NOT_READY';
  constructor(
    message: string,
    readonly waiting: readonly string[],
  ) {
    super(message);
    this.name = 'NotReadyError';
  }
}

/** What the xDS status of `nodeId` lacks to be SYNCED ('' when synced). */
export function syncGap(status: ControlPlaneStatus, nodeId: string): string {
  const p = status.proxies.find((x) => x.nodeId === nodeId);
  if (p === undefined) return 'not connected';
  const types = Object.entries(p.xds);
  if (!('CDS' in p.xds) || !('LDS' in p.xds)) return 'CDS and LDS not requested yet';
  const gaps = types.filter(([, t]) => t.status !== 'SYNCED').map(([name, t]) => `${name} ${t.status}`);
  return gaps.join(', ');
}

/** True when something accepts a TCP connection on 127.0.0.1:port. */
export function accepts(port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/** True when an HTTP server answers GET / on 127.0.0.1:port (any status). */
export async function answersHttp(port: number, timeoutMs = 2_000): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/`, { signal: AbortSignal.timeout(timeoutMs) });
    await res.arrayBuffer();
    return true;
  } catch {
    return false;
  }
}

/** What is not ready yet, one entry per thing; empty when all is ready. */
export async function notReady(t: ReadinessTargets): Promise<string[]> {
  const waiting: string[] = [];
  const status = t.status();
  for (const nodeId of t.nodeIds) {
    const gap = syncGap(status, nodeId);
    if (gap !== '') waiting.push(`proxy ${podOf(nodeId)}: ${gap}`);
  }
  const apps = await Promise.all(
    [...t.apps].map(async ([name, port]) =>
      (await accepts(port)) ? '' : `app ${name}: not listening on ${port}`,
    ),
  );
  waiting.push(...apps.filter((a) => a !== ''));
  if (waiting.length === 0 && t.gatewayPort !== undefined && !(await answersHttp(t.gatewayPort)))
    waiting.push(`gateway: no HTTP answer on 127.0.0.1:${t.gatewayPort}`);
  return waiting;
}

/** Waits until everything is ready; throws NotReadyError naming what is not after the timeout. */
export async function waitReady(t: ReadinessTargets): Promise<void> {
  const timeoutMs = t.timeoutMs ?? DEFAULT_READY_TIMEOUT_MS;
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (t.signal?.aborted) throw new NotReadyError('the mesh was stopped before it was ready', []);
    const waiting = await notReady(t);
    if (waiting.length === 0) return;
    if (Date.now() > until)
      throw new NotReadyError(
        `not ready after ${Math.round(timeoutMs / 1000)} s; waiting for: ${waiting.join('; ')}`,
        waiting,
      );
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** The pod of a node id (`sidecar~IP~pod.ns~domain` -> `pod`). */
function podOf(nodeId: string): string {
  const podDotNs = nodeId.split('~')[2] ?? nodeId;
  const dot = podDotNs.lastIndexOf('.');
  return dot < 0 ? podDotNs : podDotNs.slice(0, dot);
}
