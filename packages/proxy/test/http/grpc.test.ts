// gRPC through the proxy with @grpc/grpc-js on both sides: h2c from the client, h2c to the server (a cluster with
// http2_protocol_options), request body, response trailers and error statuses carried end to end.
import {
  Client,
  credentials,
  Metadata,
  Server,
  ServerCredentials,
  type ServerUnaryCall,
  type sendUnaryData,
  status,
} from '@grpc/grpc-js';
import { anyOf, TypeUrl } from '@minimesh/model';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.js';
import { hcm, httpListener, routeConfig, routeTo, staticCluster, vhost } from '../helpers/resources.js';

let h: Harness;
let server: Server;
let client: Client;
const identity = (b: Buffer) => b;
const PATH = '/test.Echo/Say';

function call(text: string): Promise<{ reply?: string; code?: number; details?: string }> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(PATH, identity, identity, Buffer.from(text), new Metadata(), {}, (err, value) => {
      if (err) resolve({ code: err.code, details: err.details });
      else resolve({ reply: value?.toString() });
    });
  });
}

beforeAll(async () => {
  server = new Server();
  server.addService(
    {
      Say: {
        path: PATH,
        requestStream: false,
        responseStream: false,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
      },
    },
    {
      Say: (callObj: ServerUnaryCall<Buffer, Buffer>, done: sendUnaryData<Buffer>) => {
        const text = callObj.request.toString();
        if (text === 'missing') done({ code: status.NOT_FOUND, details: 'no such thing' });
        else done(null, Buffer.from(`hello ${text}`));
      },
    },
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
  h = await startHarness({
    clusters: [
      staticCluster('grpc', [port], {
        typed_extension_protocol_options: {
          'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': anyOf(
            TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS,
            {
              explicit_http_config: { http2_protocol_options: {} },
            },
          ),
        },
      }),
    ],
    listeners: [httpListener('l', 9080, hcm({ rds: 'r' }))],
    routes: [routeConfig('r', [vhost('all', ['*'], [routeTo('grpc', '/', {}, { timeout: {} })])])],
  });
  client = new Client(`127.0.0.1:${h.proxy.listenerPort('l')}`, credentials.createInsecure());
}, 15_000);

afterAll(async () => {
  client?.close();
  await h?.close();
  server?.forceShutdown();
});

describe('gRPC through the proxy', () => {
  it('carries a unary call and its reply', async () => {
    expect(await call('mesh')).toEqual({ reply: 'hello mesh' });
    expect(h.logs.at(-1)?.protocol).toBe('HTTP/2');
    expect(h.logs.at(-1)?.responseCode).toBe(200);
  });
  it('carries an error status in the trailers', async () => {
    expect(await call('missing')).toEqual({ code: status.NOT_FOUND, details: 'no such thing' });
  });
  it('serves many calls on one client connection', async () => {
    const replies = await Promise.all(Array.from({ length: 20 }, (_, i) => call(`n${i}`)));
    expect(replies.map((r) => r.reply)).toEqual(Array.from({ length: 20 }, (_, i) => `hello n${i}`));
  });
});
