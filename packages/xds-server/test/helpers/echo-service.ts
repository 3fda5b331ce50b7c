// A tiny gRPC service for the conformance tests: /minimesh.test.Echo/Echo answers { message, server } in JSON,
// so the test sees which backend a call reached. The xds client child process uses the same definition.
import { Server, ServerCredentials, type ServiceDefinition } from '@grpc/grpc-js';

export interface EchoRequest {
  message: string;
}
export interface EchoReply {
  message: string;
  server: string;
}

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

export const echoService = {
  Echo: {
    path: '/minimesh.test.Echo/Echo',
    requestStream: false,
    responseStream: false,
    requestSerialize: (v: EchoRequest) => json(v),
    requestDeserialize: (b: Buffer) => JSON.parse(b.toString()) as EchoRequest,
    responseSerialize: (v: EchoReply) => json(v),
    responseDeserialize: (b: Buffer) => JSON.parse(b.toString()) as EchoReply,
  },
} satisfies ServiceDefinition;

/** Starts an Echo server on 127.0.0.1 with a free port; its replies carry `name`. */
export async function startEchoServer(name: string): Promise<{ port: number; close(): Promise<void> }> {
  const server = new Server();
  server.addService(echoService, {
    Echo: (call: { request: EchoRequest }, callback: (error: null, reply: EchoReply) => void) =>
      callback(null, { message: call.request.message, server: name }),
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (e, p) =>
      e ? reject(e) : resolve(p),
    ),
  );
  return {
    port,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}
