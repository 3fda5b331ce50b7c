// Child process of the fan-out benchmark (push.bench.mjs): hosts simulated clients, each on its own HTTP/2
// connection (a local subchannel pool per client), so their decoding does not run in the server's process.
//   xDS modes ('sotw', 'delta'): a simulated Envoy on ADS that subscribes CDS and LDS (wildcard), the EDS names
//   and the one route configuration, and ACKs every response as Envoy does. Responses are read only as far as
//   the ACK needs (type_url, version, nonce); requests are encoded by hand from pre-encoded parts.
//   'echo' (the baseline): a bare bidi stream; every message from the server is answered with a 16-byte ACK.
// Parent messages: { cmd: 'start', mode, address, first, count, edsNames, routeName } -> { cmd: 'ready', sizes };
// { cmd: 'cpu' } -> { cmd: 'cpu', usage } (process.cpuUsage(), microseconds);
// { cmd: 'sizes' } -> { cmd: 'sizes', sizes } (client 0's last response size per type); { cmd: 'stop' } ->
// { cmd: 'stopped' }.
import { Client, credentials, Metadata } from '@grpc/grpc-js';

const ADS = '/envoy.service.discovery.v3.AggregatedDiscoveryService/';
const ECHO = '/minimesh.bench.Fanout/Stream';
const CLUSTER = 'type.googleapis.com/envoy.config.cluster.v3.Cluster';
const ENDPOINT = 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment';
const LISTENER = 'type.googleapis.com/envoy.config.listener.v3.Listener';
const ROUTE = 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration';

// --- protobuf wire format, just what the requests and responses need ---
function varint(n) {
  const out = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n >>>= 7;
  }
  out.push(n);
  return Buffer.from(out);
}
const bytesField = (field, value) => {
  const b = typeof value === 'string' ? Buffer.from(value) : value;
  return Buffer.concat([varint((field << 3) | 2), varint(b.length), b]);
};
/** The string fields (wire type 2) of a message's top level, by field number; other fields skipped. */
function topStrings(buf, wanted) {
  const out = {};
  let i = 0;
  const readVarint = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = buf[i++];
      result += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) return result;
      shift += 7;
    }
  };
  while (i < buf.length) {
    const tag = readVarint();
    const field = Math.floor(tag / 8);
    const wire = tag & 7;
    if (wire === 0) readVarint();
    else if (wire === 1) i += 8;
    else if (wire === 5) i += 4;
    else if (wire === 2) {
      const len = readVarint();
      if (wanted.includes(field)) out[field] = buf.toString('utf8', i, i + len);
      i += len;
    } else throw new Error(`unexpected wire type ${wire}`);
  }
  return out;
}

const identity = (b) => b;
const clients = [];
/** Size of the last response of each type received by client 0 (the baseline sends the same sizes). */
const firstClientSizes = {};

function xdsClient(mode, address, id, edsNames, routeName, onReady) {
  const client = new Client(address, credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 });
  const delta = mode === 'delta';
  const call = client.makeBidiStreamRequest(
    `${ADS}${delta ? 'DeltaAggregatedResources' : 'StreamAggregatedResources'}`,
    identity,
    identity,
    new Metadata(),
  );
  const node = bytesField(delta ? 1 : 2, bytesField(1, `bench-${id}`));
  const subs = { [CLUSTER]: [], [ENDPOINT]: edsNames, [LISTENER]: [], [ROUTE]: [routeName] };
  // SotW: resource_names (3) sent again with every ACK; pre-encoded once per type.
  const names = Object.fromEntries(
    Object.entries(subs).map(([t, ns]) => [t, Buffer.concat(ns.map((n) => bytesField(3, n)))]),
  );
  const typeField = Object.fromEntries(Object.keys(subs).map((t) => [t, bytesField(delta ? 2 : 4, t)]));
  const seen = new Set();
  const sizes = id === 0 ? firstClientSizes : {};
  call.on('data', (buf) => {
    const f = topStrings(buf, [1, 4, 5]);
    const type = f[4];
    sizes[type] = buf.length;
    if (delta) call.write(Buffer.concat([typeField[type], bytesField(6, f[5])]));
    else
      call.write(
        Buffer.concat([bytesField(1, f[1] ?? ''), names[type], typeField[type], bytesField(5, f[5])]),
      );
    if (!seen.has(type)) {
      seen.add(type);
      if (seen.size === 4) onReady(sizes);
    }
  });
  call.on('error', () => {});
  for (const type of Object.keys(subs)) {
    call.write(
      Buffer.concat(
        [node, delta ? subs[type].map((n) => bytesField(3, n)) : [names[type]], typeField[type]].flat(),
      ),
    );
  }
  return () => {
    call.cancel();
    client.close();
  };
}

function echoClient(address, onReady) {
  const client = new Client(address, credentials.createInsecure(), { 'grpc.use_local_subchannel_pool': 1 });
  const call = client.makeBidiStreamRequest(ECHO, identity, identity, new Metadata());
  const ack = Buffer.alloc(16, 1);
  let ready = false;
  call.on('data', () => {
    call.write(ack);
    if (!ready) {
      ready = true;
      onReady({});
    }
  });
  call.on('error', () => {});
  call.write(ack);
  return () => {
    call.cancel();
    client.close();
  };
}

process.on('message', (msg) => {
  if (msg.cmd === 'start') {
    let pending = msg.count;
    let firstSizes;
    const ready = (sizes) => {
      firstSizes ??= sizes;
      if (--pending === 0) process.send({ cmd: 'ready', sizes: firstSizes });
    };
    for (let i = 0; i < msg.count; i++) {
      clients.push(
        msg.mode === 'echo'
          ? echoClient(msg.address, ready)
          : xdsClient(msg.mode, msg.address, msg.first + i, msg.edsNames, msg.routeName, ready),
      );
    }
  } else if (msg.cmd === 'cpu') {
    process.send({ cmd: 'cpu', usage: process.cpuUsage() });
  } else if (msg.cmd === 'sizes') {
    process.send({ cmd: 'sizes', sizes: firstClientSizes });
  } else if (msg.cmd === 'stop') {
    for (const close of clients.splice(0)) close();
    process.send({ cmd: 'stopped' });
  }
});
process.on('disconnect', () => process.exit(0));
