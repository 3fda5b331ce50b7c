// The TCP health check (HealthCheck.tcp_health_check): connect, write `send` (if any), then read until every
// `receive` block has been found in order (Envoy's fuzzy match: each block must appear after the previous one,
// not necessarily contiguous). Without receive blocks a connection is the success (connect-only check). A
// refused connection, a close before the blocks were seen or the timeout is a network failure. Each check opens
// its own connection and closes it after the result (reuse_connection is not applied to TCP checks).
import { connect, type Socket } from 'node:net';
import type { TcpCheckConfig } from './health-check-config.js';
import { containsInOrder, PROBE_NETWORK, PROBE_OK, type Probe, type ProbeResult } from './probe.js';

export class TcpProbe implements Probe {
  #socket: Socket | undefined;

  constructor(
    private readonly address: string,
    private readonly port: number,
    private readonly config: TcpCheckConfig,
  ) {}

  check(timeoutMs: number): Promise<ProbeResult> {
    return new Promise<ProbeResult>((resolve) => {
      const socket = connect({ host: this.address, port: this.port });
      this.#socket = socket;
      let received = Buffer.alloc(0);
      let done = false;
      const finish = (r: ProbeResult) => {
        if (done) return;
        done = true;
        clearTimeout(timer);
        socket.destroy();
        if (this.#socket === socket) this.#socket = undefined;
        resolve(r);
      };
      const timer = setTimeout(() => finish(PROBE_NETWORK), timeoutMs);
      socket.on('connect', () => {
        if (this.config.send.length > 0) socket.write(this.config.send);
        if (this.config.receive.length === 0) finish(PROBE_OK);
      });
      socket.on('data', (chunk: Buffer) => {
        // Bounded: what the blocks need plus one chunk (a peer cannot grow it without limit).
        received = Buffer.concat([received, chunk]);
        if (containsInOrder(received, this.config.receive)) finish(PROBE_OK);
        else if (received.length > 64 * 1024) received = received.subarray(received.length - 64 * 1024);
      });
      socket.on('error', () => finish(PROBE_NETWORK));
      socket.on('close', () => finish(PROBE_NETWORK));
    });
  }

  close(): void {
    this.#socket?.destroy();
    this.#socket = undefined;
  }
}
