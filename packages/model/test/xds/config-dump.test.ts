import { describe, expect, it } from 'vitest';
import { CodecError, CodecErrorCode } from '../../src/errors/model-error.js';
import {
  bootstrapConfigDump,
  buildConfigDump,
  clustersConfigDump,
  configDumpToJson,
  configDumpToString,
  endpointsConfigDump,
  listenersConfigDump,
  routesConfigDump,
  secretsConfigDump,
} from '../../src/xds/config-dump.js';
import { fromProto3Json } from '../../src/xds/proto3-json.js';
import { TypeUrl } from '../../src/xds/type-urls.js';
import type { Cluster } from '../../src/xds/types.js';
import { makeClusterLoadAssignment, makeSecret } from './fixtures.js';
import { goldenDump } from './golden-config-dump.js';
import { EXPECTED_CONFIG_DUMP } from './golden-config-dump-text.js';

describe('config dump', () => {
  it('prints a listener, route and cluster dump exactly as Envoy does', () => {
    expect(configDumpToString(goldenDump())).toBe(EXPECTED_CONFIG_DUMP);
  });

  it('prints the same JSON it returns as an object', () => {
    expect(configDumpToJson(goldenDump())).toEqual(JSON.parse(EXPECTED_CONFIG_DUMP));
  });

  it('parses its own output back to the same dump', () => {
    const parsed = fromProto3Json('envoy.admin.v3.ConfigDump', JSON.parse(EXPECTED_CONFIG_DUMP));
    expect(configDumpToString(parsed)).toBe(EXPECTED_CONFIG_DUMP);
  });

  it("orders sections as Envoy's ConfigDump comment lists them", () => {
    const dump = buildConfigDump({
      secrets: secretsConfigDump({
        dynamicActiveSecrets: [{ resource: makeSecret('default'), versionInfo: '1' }],
      }),
      routes: routesConfigDump({}),
      scopedRoutes: {},
      listeners: listenersConfigDump({}),
      endpoints: endpointsConfigDump({
        dynamicEndpointConfigs: [{ resource: makeClusterLoadAssignment('reviews') }],
      }),
      clusters: clustersConfigDump({}),
      bootstrap: bootstrapConfigDump({}),
    });
    const types = (configDumpToJson(dump).configs as { '@type': string }[]).map((c) => c['@type']);
    expect(types).toEqual([
      TypeUrl.BOOTSTRAP_CONFIG_DUMP,
      TypeUrl.CLUSTERS_CONFIG_DUMP,
      TypeUrl.ENDPOINTS_CONFIG_DUMP,
      TypeUrl.LISTENERS_CONFIG_DUMP,
      TypeUrl.SCOPED_ROUTES_CONFIG_DUMP,
      TypeUrl.ROUTES_CONFIG_DUMP,
      TypeUrl.SECRETS_CONFIG_DUMP,
    ]);
  });

  it('leaves out sections that are not given and prints an empty section as its @type alone', () => {
    const json = configDumpToJson(buildConfigDump({ secrets: secretsConfigDump({}) }));
    expect(json).toEqual({ configs: [{ '@type': TypeUrl.SECRETS_CONFIG_DUMP }] });
  });

  it('puts a warming listener under warming_state and names it after the listener', () => {
    const section = listenersConfigDump({
      dynamicListeners: [{ resource: { name: 'l1' }, state: 'warming', versionInfo: '3' }],
    });
    expect(section).toEqual({
      dynamic_listeners: [
        {
          name: 'l1',
          warming_state: { version_info: '3', listener: { '@type': TypeUrl.LISTENER, name: 'l1' } },
        },
      ],
    });
  });

  it('prints secrets with their name, version and bytes in base64', () => {
    const json = configDumpToJson(
      buildConfigDump({
        secrets: secretsConfigDump({
          dynamicActiveSecrets: [{ resource: makeSecret('default'), versionInfo: '1' }],
        }),
      }),
    );
    expect(json.configs).toEqual([
      {
        '@type': TypeUrl.SECRETS_CONFIG_DUMP,
        dynamic_active_secrets: [
          {
            name: 'default',
            version_info: '1',
            secret: {
              '@type': TypeUrl.SECRET,
              name: 'default',
              tls_certificate: {
                certificate_chain: {
                  inline_string: '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
                },
                private_key: {
                  inline_bytes: Buffer.from('-----BEGIN PRIVATE KEY-----\nMIIE\n').toString('base64'),
                },
              },
            },
          },
        ],
      },
    ]);
  });

  it('rejects a dump whose resource has an unknown key, naming the path inside the Any', () => {
    const bad = buildConfigDump({
      clusters: clustersConfigDump({
        dynamicActiveClusters: [{ resource: { name: 'c', conect_timeout: { seconds: '1' } } as Cluster }],
      }),
    });
    const error = catchError(() => configDumpToJson(bad));
    expect(error.code).toBe(CodecErrorCode.UnknownField);
    expect(error.path).toBe('configs[0].dynamic_active_clusters[0].cluster.conect_timeout');
    expect(error.message).toContain('did you mean connect_timeout?');
  });
});

function catchError(f: () => unknown): CodecError {
  try {
    f();
  } catch (e) {
    if (e instanceof CodecError) return e;
    throw e;
  }
  throw new Error('expected a CodecError');
}
