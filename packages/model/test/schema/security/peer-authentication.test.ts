import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  peerAuthenticationKind,
  peerAuthenticationSchema,
} from '../../../src/schema/istio/peer-authentication.js';
import { doc, issue, issuesOf } from './helpers.js';

const pa = (spec: unknown, annotations?: Record<string, string>) =>
  doc('PeerAuthentication', spec, annotations);

describe('PeerAuthentication (security.istio.io)', () => {
  it('accepts every field, in versions v1 and v1beta1', () => {
    const p = pa({
      selector: { matchLabels: { app: 'reviews', version: 'v1' } },
      mtls: { mode: 'STRICT' },
      portLevelMtls: { '8080': { mode: 'DISABLE' }, '9090': { mode: 'PERMISSIVE' }, '9091': {} },
    });
    expect(issuesOf(peerAuthenticationSchema, p)).toEqual([]);
    expect(peerAuthenticationKind.versions).toEqual(['v1', 'v1beta1']);
    expect(peerAuthenticationKind.group).toBe('security.istio.io');
  });

  it('accepts mesh- and namespace-wide policies, with or without spec', () => {
    expect(issuesOf(peerAuthenticationSchema, pa({ mtls: { mode: 'UNSET' } }))).toEqual([]);
    expect(issuesOf(peerAuthenticationSchema, pa({}))).toEqual([]);
    expect(issuesOf(peerAuthenticationSchema, pa(undefined))).toEqual([]);
  });

  it('reads port keys written as YAML integers', () => {
    const p = parse(`
apiVersion: security.istio.io/v1beta1
kind: PeerAuthentication
metadata: { name: finance, namespace: foo }
spec:
  selector: { matchLabels: { app: finance } }
  mtls: { mode: STRICT }
  portLevelMtls:
    8080:
      mode: DISABLE
`);
    expect(issuesOf(peerAuthenticationSchema, p)).toEqual([]);
  });

  it('reports a bad mode and unknown fields', () => {
    const p = pa({ mtls: { mode: 'ON', enabled: true } });
    expect(issuesOf(peerAuthenticationSchema, p)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'mtls', 'mode'],
        'expected one of "UNSET", "DISABLE", "PERMISSIVE", "STRICT", got "ON"',
      ),
      issue('MM_UNKNOWN_FIELD', ['spec', 'mtls', 'enabled'], 'unknown field "enabled"'),
    ]);
  });

  it('requires a selector with labels for portLevelMtls, and valid port keys', () => {
    // Integer-like keys come first in a JavaScript object, in numeric order.
    const p = pa({ portLevelMtls: { '0': { mode: 'DISABLE' }, http: {}, '70000': {} } });
    expect(issuesOf(peerAuthenticationSchema, p)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'portLevelMtls', '0'],
        'expected a port number from 1 to 65535 as the key, got "0"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'portLevelMtls', '70000'],
        'expected a port number from 1 to 65535 as the key, got "70000"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'portLevelMtls', 'http'],
        'expected a port number from 1 to 65535 as the key, got "http"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'portLevelMtls'],
        'expected a selector with matchLabels: portLevelMtls applies only to selected workloads',
      ),
    ]);
    const empty = pa({ selector: { matchLabels: {} }, portLevelMtls: {} });
    expect(issuesOf(peerAuthenticationSchema, empty)).toEqual([
      issue('MM_INVALID_VALUE', ['spec', 'portLevelMtls'], 'expected at least one port in portLevelMtls'),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'portLevelMtls'],
        'expected a selector with matchLabels: portLevelMtls applies only to selected workloads',
      ),
    ]);
  });

  it('rejects wildcards and empty keys in the selector', () => {
    const p = pa({ selector: { matchLabels: { 'app*': 'x', '': 'y', version: 'v*' } } });
    expect(issuesOf(peerAuthenticationSchema, p)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'selector', 'matchLabels', 'app*'],
        'expected a label key without "*", got "app*"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'selector', 'matchLabels', ''],
        'expected a label key that is not empty',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'selector', 'matchLabels', 'version'],
        'expected a label value without "*", got "v*"',
      ),
    ]);
  });

  it('rejects the dry-run annotation, which only AuthorizationPolicy supports', () => {
    const p = pa({ mtls: { mode: 'STRICT' } }, { 'istio.io/dry-run': 'true' });
    expect(issuesOf(peerAuthenticationSchema, p)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['metadata', 'annotations', 'istio.io/dry-run'],
        'expected no istio.io/dry-run annotation: only AuthorizationPolicy supports it',
      ),
    ]);
  });
});
