import { describe, expect, it } from 'vitest';
import { gatewayClassKind, gatewayClassSchema } from '../../../src/schema/gateway-api/gateway-class.js';
import { doc, issue, issuesOf } from './helpers.js';

describe('GatewayClass', () => {
  const gatewayClass = (spec: unknown) => ({ ...doc('GatewayClass', spec), metadata: { name: 'istio' } });

  it('accepts a GatewayClass using every field', () => {
    const gc = gatewayClass({
      controllerName: 'istio.io/gateway-controller',
      description: 'The default Istio GatewayClass',
      parametersRef: { group: '', kind: 'ConfigMap', name: 'istio-options', namespace: 'istio-system' },
    });
    expect(issuesOf(gatewayClassSchema, gc)).toEqual([]);
    expect(gatewayClassKind.namespaced).toBe(false);
    expect(gatewayClassKind.versions).toEqual(['v1', 'v1beta1', 'v1alpha2']);
  });

  it('checks controllerName, description length and parametersRef', () => {
    const gc = gatewayClass({
      controllerName: 'istio',
      description: 'x'.repeat(65),
      parametersRef: { kind: 'ConfigMap', name: 'o', namespace: 'Istio' },
    });
    expect(issuesOf(gatewayClassSchema, gc)).toEqual([
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'controllerName'],
        'expected a controller name such as "istio.io/gateway-controller" (domain/path), got "istio"',
      ),
      issue(
        'MM_MISSING_FIELD',
        ['spec', 'parametersRef', 'group'],
        'required field is missing: expected a string',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'parametersRef', 'namespace'],
        'expected a namespace name (an RFC 1123 label such as "default"), got "Istio"',
      ),
      issue(
        'MM_INVALID_VALUE',
        ['spec', 'description'],
        'expected a description of at most 64 characters, got 65',
      ),
    ]);
  });

  it('requires a spec', () => {
    expect(issuesOf(gatewayClassSchema, { ...gatewayClass({}), spec: undefined })).toEqual([
      issue('MM_MISSING_FIELD', ['spec'], 'required field is missing: expected an object (a map of fields)'),
    ]);
  });
});
