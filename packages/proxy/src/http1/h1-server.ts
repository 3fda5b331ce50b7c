// A listening socket whose connections speak HTTP/1.1 through the proxy's own server (H1ServerConnection): the
// explicit forward proxy and the admin API use it, so the proxy never loads node:http. closeAllConnections()
// destroys every accepted connection (shutdown). allowHalfOpen: a CONNECT tunnel passes a client's half-close
// on; HTTP connections manage their own ends.
import { createServer, type Server, type Socket } from 'node:net';
import { H1ServerConnection, type H1ServerOptions } from './server-connection.js';

export type H1Server = Server & { closeAllConnections(): void };

export function createH1Server(options: H1ServerOptions): H1Server {
  const sockets = new Set<Socket>();
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    new H1ServerConnection(socket, options);
  });
  return Object.assign(server, {
    closeAllConnections() {
      for (const s of sockets) s.destroy();
    },
  });
}

/** Listens on host:port; rejects with the bind error. */
export function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
