// SDS resource names of credentialNames, as istiod's ToResourceName writes them.
import { describe, expect, it } from 'vitest';
import { sdsSecretName } from '../../src/naming.js';

describe('sdsSecretName', () => {
  it.each([
    ['bookinfo-credential', 'kubernetes://bookinfo-credential'],
    ['istio-system/bookinfo-credential', 'kubernetes://istio-system/bookinfo-credential'],
    ['kubernetes://already', 'kubernetes://already'],
    ['kubernetes-gateway://default/cert', 'kubernetes-gateway://default/cert'],
    ['configmap://istio-system/ca', 'configmap://istio-system/ca'],
    ['builtin://', 'default'],
    ['invalid://whatever', 'invalid://'],
  ])('%s -> %s', (credential, resource) => {
    expect(sdsSecretName(credential)).toBe(resource);
  });
});
