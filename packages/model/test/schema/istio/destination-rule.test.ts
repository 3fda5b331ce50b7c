import { describe, expect, it } from 'vitest';
import { destinationRuleKind, destinationRuleSchema } from '../../../src/schema/istio/index.js';
import { fullTrafficPolicy } from './fixtures-routing.js';
import {
  expectIssues,
  expectValid,
  invalidType,
  invalidValue,
  missingField,
  resource,
  unknownField,
} from './helpers.js';

const dr = (spec: unknown, metadata?: Record<string, unknown>) => resource('DestinationRule', spec, metadata);
/** A rule for `reviews` with this traffic policy. */
const withPolicy = (trafficPolicy: unknown) => dr({ host: 'reviews', trafficPolicy });
const TP = ['spec', 'trafficPolicy'];

describe('DestinationRule', () => {
  it('accepts every field of the API', () => {
    expectValid(
      destinationRuleSchema,
      dr({
        host: 'reviews.prod.svc.cluster.local',
        trafficPolicy: fullTrafficPolicy,
        subsets: [
          { name: 'v1', labels: { version: 'v1' } },
          {
            name: 'V2',
            labels: { version: 'v2', 'app.kubernetes.io/name': 'reviews' },
            trafficPolicy: { loadBalancer: { simple: 'ROUND_ROBIN' } },
          },
          {
            name: 'v3',
            trafficPolicy: {
              proxyProtocol: { version: 'V2' },
              loadBalancer: { consistentHash: { maglev: { tableSize: 65537 }, httpHeaderName: 'x-user' } },
            },
          },
        ],
        exportTo: ['.'],
        workloadSelector: { matchLabels: { app: 'ratings' } },
      }),
    );
    expectValid(
      destinationRuleSchema,
      withPolicy({
        loadBalancer: {
          backendUtilization: {
            errorUtilizationPenaltyPercent: 10,
            metricNamesForComputingUtilization: ['cpu'],
            weightExpirationPeriod: '3m',
            weightStabilizationPeriod: '10s',
            weightUpdatePeriod: '1s',
          },
          zoneAwareLbSetting: {
            enabled: true,
            minClusterSize: 6,
            failover: [{ from: 'us-east', to: 'us-west' }],
            failoverPriority: ['topology.istio.io/network'],
          },
        },
      }),
    );
    expect(destinationRuleKind.versions).toEqual(['v1', 'v1beta1', 'v1alpha3']);
  });

  it('keeps the default algorithm when loadBalancer has only locality settings', () => {
    expectValid(
      destinationRuleSchema,
      withPolicy({ loadBalancer: { localityLbSetting: { enabled: true } } }),
    );
  });

  it('reports unknown fields with a hint, and wrong types', () => {
    expectIssues(destinationRuleSchema, withPolicy({ connectionPool: { tcp: { maxConnection: 1 } } }), [
      unknownField([...TP, 'connectionPool', 'tcp', 'maxConnection'], 'maxConnections'),
    ]);
    expectIssues(destinationRuleSchema, withPolicy({ connectionPool: { http: { maxRetries: 'three' } } }), [
      invalidType([...TP, 'connectionPool', 'http', 'maxRetries'], 'expected a number, got "three"'),
    ]);
    expectIssues(destinationRuleSchema, dr({ trafficPolicy: {} }), [
      missingField(['spec', 'host'], 'required field is missing: expected a string'),
      invalidValue(TP, 'expected a traffic policy with at least one setting'),
    ]);
  });

  it('checks hosts and subsets', () => {
    expectIssues(
      destinationRuleSchema,
      dr({
        host: 'reviews..default',
        subsets: [{ name: 'v1.0' }, { name: 'v2', labels: { version: 'v 2' } }, { name: 'v2' }],
      }),
      [
        invalidValue(
          ['spec', 'host'],
          'expected a service hostname ("reviews", "reviews.default.svc.cluster.local", "*.example.com"): label "" is not a DNS-1123 label, got "reviews..default"',
        ),
        invalidValue(
          ['spec', 'subsets', 0, 'name'],
          'expected a subset name that is a DNS-1123 label, got "v1.0"',
        ),
        invalidValue(
          ['spec', 'subsets', 1, 'labels', 'version'],
          'expected a label value of alphanumerics, "-", "_" and "." between alphanumerics, got "v 2"',
        ),
        invalidValue(['spec', 'subsets', 2, 'name'], 'expected unique subset names, "v2" is repeated'),
      ],
    );
  });

  it('limits a rule with a workload selector to its namespace', () => {
    const selected = (exportTo: string[], matchLabels: Record<string, string> = { app: 'a' }) =>
      dr({ host: 'a', workloadSelector: { matchLabels }, exportTo }, { namespace: 'prod' });
    expectValid(destinationRuleSchema, selected(['prod']));
    expectIssues(destinationRuleSchema, selected(['.', 'other']), [
      invalidValue(
        ['spec', 'exportTo'],
        "expected exportTo to be only the rule's own namespace when workloadSelector is set",
      ),
    ]);
    expectIssues(destinationRuleSchema, selected(['.'], { app: 'web-*' }), [
      invalidValue(
        ['spec', 'workloadSelector', 'matchLabels', 'app'],
        'expected no wildcard in a selector, got "app=web-*"',
      ),
    ]);
  });
});
