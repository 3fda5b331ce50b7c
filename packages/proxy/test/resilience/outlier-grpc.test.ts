// Outlier detection of gRPC upstreams: as Envoy's router, a grpc-status in the response headers (a Trailers-Only
// error answer, what @grpc/grpc-js sends for an error without messages) is reported as its HTTP equivalent
// (UNAVAILABLE -> 503, a gateway failure), so a server failing every call with UNAVAILABLE is ejected although its
// HTTP/2 status is 200, and the calls that follow all succeed on the healthy server.
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
let servers: Server[] = [];
let client: Client;
const identity = (b: Buffer) => b;
const PATH = '/test.Echo/Say';

function call(): Promise<{ reply?: string; code?: number }> {
  return new Promise((resolve) => {
    client.makeUnaryRequest(PATH, identity, identity, Buffer.from('x'), new Metadata(), {}, (err, value) => {
      if (err) resolve({ code: err.code });
      else resolve({ reply: value?.toString() });
    });
  });
}

async function grpcServer(failing: boolean): Promise<number> {
  const server = new Server();
  servers.push(server);
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
      Say: (_call: ServerUnaryCall<Buffer, Buffer>, done: sendUnaryData<Buffer>) => {
        if (failing) done({ code: status.UNAVAILABLE, details: 'down' });
        else done(null, Buffer.from('ok'));
      },
    },
  );
  return new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, p) =>
      err ? reject(err) : resolve(p),
    ),
  );
}

beforeAll(async () => {
  const good = await grpcServer(false);
  const bad = await grpcServer(true);
  h = await startHarness({
    clusters: [
      staticCluster('grpc', [good, bad], {
        typed_extension_protocol_options: {
          'envoy.extensions.upstreams.http.v3.HttpProtocolOptions': anyOf(
            TypeUrl.UPSTREAM_HTTP_PROTOCOL_OPTIONS,
            { explicit_http_config: { http2_protocol_options: {} } },
          ),
        },
        outlier_detection: {
          consecutive_5xx: { value: 100 },
          consecutive_gateway_failure: { value: 3 },
          enforcing_consecutive_gateway_failure: { value: 100 },
          base_ejection_time: { seconds: '30' },
          max_ejection_percent: { value: 100 },
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
  for (const s of servers) s.forceShutdown();
  servers = [];
});

describe('outlier detection of gRPC upstreams', () => {
  it('ejects a server answering UNAVAILABLE (a gateway failure by its grpc-status)', async () => {
    const stat = (s: string) => h.proxy.stats.value(`cluster.grpc.outlier_detection.${s}`);
    const codes: (number | undefined)[] = [];
    for (let i = 0; i < 10 && stat('ejections_active') === 0; i++) codes.push((await call()).code);
    expect(codes.filter((c) => c === status.UNAVAILABLE).length).toBe(3);
    expect(stat('ejections_enforced_consecutive_gateway_failure')).toBe(1);
    const after = await Promise.all(Array.from({ length: 10 }, () => call()));
    expect(after.every((r) => r.reply === 'ok')).toBe(true);
  });
});
