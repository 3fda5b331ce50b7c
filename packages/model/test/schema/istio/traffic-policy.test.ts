import { describe, it } from 'vitest';
import { destinationRuleSchema } from '../../../src/schema/istio/index.js';
import { expectIssues, invalidValue, missingField, resource } from './helpers.js';

const dr = (spec: unknown, metadata?: Record<string, unknown>) => resource('DestinationRule', spec, metadata);
/** A rule for `reviews` with this traffic policy. */
const withPolicy = (trafficPolicy: unknown) => dr({ host: 'reviews', trafficPolicy });
const TP = ['spec', 'trafficPolicy'];

describe('DestinationRule traffic policies', () => {
  it('checks the load balancer oneofs', () => {
    const lb = (loadBalancer: unknown) => withPolicy({ loadBalancer });
    const at = [...TP, 'loadBalancer'];
    expectIssues(destinationRuleSchema, lb({ simple: 'RANDOM', consistentHash: { useSourceIp: true } }), [
      invalidValue(
        at,
        'expected at most one of simple, consistentHash, backendUtilization, got simple and consistentHash',
      ),
    ]);
    expectIssues(destinationRuleSchema, lb({ simple: 'FASTEST' }), [
      invalidValue(
        [...at, 'simple'],
        'expected one of "UNSPECIFIED", "LEAST_CONN", "RANDOM", "PASSTHROUGH", "ROUND_ROBIN", "LEAST_REQUEST", got "FASTEST"',
      ),
    ]);
    expectIssues(
      destinationRuleSchema,
      lb({
        consistentHash: { httpHeaderName: 'x-user', useSourceIp: true, minimumRingSize: 1024, ringHash: {} },
      }),
      [
        invalidValue(
          [...at, 'consistentHash'],
          'expected at most one of httpHeaderName, httpCookie, useSourceIp, httpQueryParameterName, got httpHeaderName and useSourceIp',
        ),
        invalidValue(
          [...at, 'consistentHash', 'minimumRingSize'],
          'expected only one of minimumRingSize and ringHash/maglev, got both',
        ),
      ],
    );
    expectIssues(
      destinationRuleSchema,
      lb({ consistentHash: { useSourceIp: true, maglev: { tableSize: 65536 } } }),
      [
        invalidValue(
          [...at, 'consistentHash', 'maglev', 'tableSize'],
          'expected a prime maglev tableSize, got 65536',
        ),
      ],
    );
    expectIssues(destinationRuleSchema, lb({ consistentHash: { maglev: {}, ringHash: {} } }), [
      invalidValue(
        [...at, 'consistentHash'],
        'expected at most one of ringHash, maglev, got ringHash and maglev',
      ),
      invalidValue([...at, 'consistentHash', 'maglev', 'tableSize'], 'expected a maglev tableSize'),
    ]);
    expectIssues(
      destinationRuleSchema,
      lb({ consistentHash: { httpCookie: { name: '', attributes: [{ name: 'a' }, { name: 'a' }] } } }),
      [
        invalidValue([...at, 'consistentHash', 'httpCookie', 'name'], 'expected a cookie name'),
        invalidValue(
          [...at, 'consistentHash', 'httpCookie', 'attributes', 1, 'name'],
          'expected unique cookie attribute names, "a" is repeated',
        ),
      ],
    );
  });

  it('checks locality load balancing', () => {
    const locality = (localityLbSetting: unknown) => withPolicy({ loadBalancer: { localityLbSetting } });
    const at = [...TP, 'loadBalancer', 'localityLbSetting'];
    expectIssues(
      destinationRuleSchema,
      locality({ distribute: [{ from: 'us-west/*', to: { 'us-west/zone1/*': 60, 'us-east/*': 30 } }] }),
      [invalidValue([...at, 'distribute', 0, 'to'], 'expected locality weights to sum to 100, got 90')],
    );
    expectIssues(
      destinationRuleSchema,
      locality({ distribute: [{ from: 'a', to: { b: 0, c: 100 } }], failover: [{ from: 'x', to: 'y' }] }),
      [
        invalidValue(at, 'expected only one of distribute and failover, got both'),
        invalidValue([...at, 'distribute', 0, 'to', 'b'], 'expected a locality weight from 1 to 100, got 0'),
      ],
    );
    expectIssues(
      destinationRuleSchema,
      locality({
        failover: [
          { from: 'us-east', to: 'us-east' },
          { from: 'us-east/zone1', to: 'eu-*' },
        ],
        failoverPriority: ['topology.kubernetes.io/zone'],
      }),
      [
        invalidValue(
          [...at, 'failoverPriority', 0],
          'expected no topology label in failoverPriority when failover is set, got "topology.kubernetes.io/zone"',
        ),
        invalidValue(
          [...at, 'failover', 0],
          'expected locality failover between different regions, got "us-east" twice',
        ),
        invalidValue([...at, 'failover', 1], 'expected locality failover between regions, without zones'),
        invalidValue([...at, 'failover', 1], 'expected locality failover regions without "*"'),
      ],
    );
    expectIssues(
      destinationRuleSchema,
      locality({
        distribute: [
          { from: 'us-west/*', to: { 'us-west/*': 100 } },
          { from: 'us-west/zone1', to: { 'us-west/*': 100 } },
        ],
      }),
      [
        invalidValue(
          [...at, 'distribute'],
          'expected distinct localities: locality "us-west/zone1" overlaps an earlier one',
        ),
      ],
    );
    expectIssues(
      destinationRuleSchema,
      withPolicy({ loadBalancer: { localityLbSetting: {}, zoneAwareLbSetting: { minClusterSize: 0 } } }),
      [
        invalidValue(
          [...TP, 'loadBalancer'],
          'expected only one of localityLbSetting and zoneAwareLbSetting, got both',
        ),
        invalidValue(
          [...TP, 'loadBalancer', 'zoneAwareLbSetting', 'minClusterSize'],
          'expected a minClusterSize of at least 1, got 0',
        ),
      ],
    );
  });

  it('checks warmup', () => {
    expectIssues(
      destinationRuleSchema,
      withPolicy({
        loadBalancer: { warmup: { minimumPercent: 101, aggression: 0 }, warmupDurationSecs: '0s' },
      }),
      [
        missingField(
          [...TP, 'loadBalancer', 'warmup', 'duration'],
          'required field is missing: expected a string',
        ),
        invalidValue(
          [...TP, 'loadBalancer', 'warmup', 'minimumPercent'],
          'expected a percentage from 0 to 100, got 101',
        ),
        invalidValue(
          [...TP, 'loadBalancer', 'warmup', 'aggression'],
          'expected an aggression above 0, got 0',
        ),
        invalidValue(
          [...TP, 'loadBalancer', 'warmupDurationSecs'],
          'expected a duration of at least 1ms, got "0s"',
        ),
      ],
    );
  });

  it('checks connection pools', () => {
    const pool = (connectionPool: unknown) => withPolicy({ connectionPool });
    const at = [...TP, 'connectionPool'];
    expectIssues(destinationRuleSchema, pool({}), [
      invalidValue(at, 'expected a connection pool with tcp or http settings'),
    ]);
    expectIssues(
      destinationRuleSchema,
      pool({
        http: {
          http1MaxPendingRequests: -1,
          h2UpgradePolicy: 'UPGRADE',
          useClientProtocol: true,
          http2KeepAlive: { interval: '1s' },
        },
      }),
      [
        invalidValue(
          [...at, 'http', 'http1MaxPendingRequests'],
          'expected a whole number that is not negative, got -1',
        ),
        missingField(
          [...at, 'http', 'http2KeepAlive', 'timeout'],
          'required field is missing: expected a string',
        ),
        invalidValue(
          [...at, 'http', 'useClientProtocol'],
          'expected useClientProtocol to be false when h2UpgradePolicy is UPGRADE',
        ),
      ],
    );
    expectIssues(
      destinationRuleSchema,
      pool({ tcp: { connectTimeout: '10', idleTimeout: '1.5ms', tcpKeepalive: { time: '0.5ms' } } }),
      [
        invalidValue(
          [...at, 'tcp', 'connectTimeout'],
          'expected a duration such as "1.5s" or "10ms", got "10"',
        ),
        invalidValue([...at, 'tcp', 'idleTimeout'], 'expected a duration in whole milliseconds, got "1.5ms"'),
        invalidValue(
          [...at, 'tcp', 'tcpKeepalive', 'time'],
          'expected a duration of at least 1ms, got "0.5ms"',
        ),
      ],
    );
  });

  it('checks outlier detection', () => {
    expectIssues(
      destinationRuleSchema,
      withPolicy({
        outlierDetection: {
          consecutiveLocalOriginFailures: 3,
          maxEjectionPercent: 150,
          outlierDetectionHttpErrorCodes: [600],
        },
      }),
      [
        invalidValue(
          [...TP, 'outlierDetection', 'maxEjectionPercent'],
          'expected a percentage from 0 to 100, got 150',
        ),
        invalidValue(
          [...TP, 'outlierDetection', 'outlierDetectionHttpErrorCodes', 0],
          'expected an HTTP status from 100 to 599, got 600',
        ),
        invalidValue(
          [...TP, 'outlierDetection', 'consecutiveLocalOriginFailures'],
          'expected splitExternalLocalOriginErrors: true when consecutiveLocalOriginFailures is set',
        ),
      ],
    );
  });

  it('checks client TLS', () => {
    const tls = (t: unknown) => withPolicy({ tls: t });
    const at = [...TP, 'tls'];
    expectIssues(destinationRuleSchema, tls({ mode: 'MUTUAL' }), [
      invalidValue([...at, 'clientCertificate'], 'expected a clientCertificate for MUTUAL TLS'),
      invalidValue([...at, 'privateKey'], 'expected a privateKey for MUTUAL TLS'),
    ]);
    expectIssues(
      destinationRuleSchema,
      tls({ mode: 'SIMPLE', credentialName: 'cacert', caCertificates: '/ca.pem' }),
      [
        invalidValue(
          [...at, 'credentialName'],
          'expected no clientCertificate, privateKey, caCertificates or caCrl when credentialName is set',
        ),
      ],
    );
    expectIssues(
      destinationRuleSchema,
      tls({ mode: 'SIMPLE', insecureSkipVerify: true, subjectAltNames: ['a'] }),
      [
        invalidValue(
          [...at, 'insecureSkipVerify'],
          'expected no caCertificates, credentialName or subjectAltNames when insecureSkipVerify is true',
        ),
      ],
    );
    expectIssues(destinationRuleSchema, tls({ mode: 'STRICT' }), [
      invalidValue(
        [...at, 'mode'],
        'expected one of "DISABLE", "SIMPLE", "MUTUAL", "ISTIO_MUTUAL", got "STRICT"',
      ),
    ]);
  });

  it('checks tunnels, PROXY protocol and port-level settings', () => {
    expectIssues(
      destinationRuleSchema,
      withPolicy({
        tunnel: { protocol: 'GET', targetHost: 'not a host', targetPort: 0 },
        proxyProtocol: { version: 'V1' },
      }),
      [
        invalidValue(
          [...TP, 'tunnel', 'protocol'],
          'expected tunnel protocol "CONNECT" or "POST", got "GET"',
        ),
        invalidValue(
          [...TP, 'tunnel', 'targetHost'],
          'expected a tunnel target host that is an FQDN or IP address: label "not a host" is not a DNS-1123 label, got "not a host"',
        ),
        invalidValue([...TP, 'tunnel', 'targetPort'], 'expected a port number from 1 to 65535, got 0'),
        invalidValue([...TP, 'proxyProtocol'], 'expected only one of tunnel and proxyProtocol, got both'),
      ],
    );
    expectIssues(
      destinationRuleSchema,
      withPolicy({ portLevelSettings: [{ port: { number: 80 } }, { tls: { mode: 'DISABLE' } }] }),
      [
        invalidValue(
          [...TP, 'portLevelSettings', 0],
          'expected a port-level policy with loadBalancer, connectionPool, outlierDetection or tls',
        ),
        missingField(
          [...TP, 'portLevelSettings', 1, 'port'],
          'required field is missing: expected an object (a map of fields)',
        ),
      ],
    );
  });
});
