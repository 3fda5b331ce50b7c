// A Sidecar ingress listener with `captureMode: NONE` is its own bound INBOUND listener: EnvoyFilter patches of
// context SIDECAR_INBOUND reach it (istiod builds it as an inbound listener), SIDECAR_OUTBOUND ones do not.
import { describe, expect, it } from 'vitest';
import { sidecar } from '../sidecar/helpers.js';
import { configFor } from '../simulate/helpers.js';
import { expectEncodes, httpFilterNames, onePatch } from './helpers.js';

const BOUND = sidecar(`  ingress:
  - port: { number: 8443, protocol: HTTP, name: http-direct }
    captureMode: NONE
    defaultEndpoint: 127.0.0.1:18443
`);
const lua = (context: string) =>
  onePatch(
    `lua-${context.toLowerCase().replaceAll('_', '-')}`,
    'HTTP_FILTER',
    `context: ${context}
listener:
  portNumber: 8443
  filterChain:
    filter:
      name: envoy.filters.network.http_connection_manager
      subFilter: { name: envoy.filters.http.router }`,
    `operation: INSERT_BEFORE
value:
  name: envoy.filters.http.lua
  typed_config:
    "@type": type.googleapis.com/envoy.extensions.filters.http.lua.v3.Lua
    default_source_code: { inline_string: "function envoy_on_request(h) end" }`,
  );

describe('EnvoyFilter on a bound inbound listener', () => {
  it('applies SIDECAR_INBOUND patches to it and not SIDECAR_OUTBOUND ones', async () => {
    const inbound = await configFor('sidecar', { inline: [BOUND, lua('SIDECAR_INBOUND')] });
    const bound = inbound.listeners.find(
      (l) => l.traffic_direction === 'INBOUND' && l.name !== 'virtualInbound',
    );
    expect(bound?.name).toBeDefined();
    expect(httpFilterNames(inbound, bound?.name ?? '')).toContain('envoy.filters.http.lua');
    expectEncodes(inbound);
    const outbound = await configFor('sidecar', { inline: [BOUND, lua('SIDECAR_OUTBOUND')] });
    expect(httpFilterNames(outbound, bound?.name ?? '')).not.toContain('envoy.filters.http.lua');
  });
});
