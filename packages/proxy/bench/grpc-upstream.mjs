// The gRPC benchmark upstream: a @grpc/grpc-js server on 127.0.0.1 with one unary method (/bench.Echo/Say) that
// answers every call with its 64-byte request (raw bytes, no protobuf). Prints its port on stdout once bound.
//   node bench/grpc-upstream.mjs
import { Server, ServerCredentials } from '@grpc/grpc-js';

const identity = (b) => b;
const server = new Server();
server.addService(
  {
    Say: {
      path: '/bench.Echo/Say',
      requestStream: false,
      responseStream: false,
      requestSerialize: identity,
      requestDeserialize: identity,
      responseSerialize: identity,
      responseDeserialize: identity,
    },
  },
  { Say: (call, done) => done(null, call.request) },
);
server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, port) => {
  if (err) throw err;
  console.log(port);
});
process.on('SIGTERM', () => process.exit(0));
