// The capture rules against Istio's istio-iptables goldens (tools/istio-iptables/pkg/capture/testdata), with
// the settings of its TestIptables cases, and from the arguments of an injected init container.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  buildCapture,
  type CaptureConfig,
  captureFromArgs,
  captureRules,
  DEFAULT_CAPTURE,
  inject,
} from '../src/index.js';

const dir = fileURLToPath(
  new URL('../../../../shared/istio-samples/tools/istio-iptables/pkg/capture/testdata/', import.meta.url),
);

/** run_test.go's cases without DNS servers (DNS capture is not generated). */
const CASES: Record<string, Partial<CaptureConfig>> = {
  empty: {},
  'ipv6-empty-inbound-ports': { inboundPortsInclude: '', enableIPv6: true },
  'ipv6-inbound-ports': { inboundPortsInclude: '4000,5000', enableIPv6: true },
  'ipv6-virt-interfaces': {
    inboundPortsInclude: '4000,5000',
    rerouteVirtualInterfaces: 'eth0,eth1',
    enableIPv6: true,
  },
  'ipv6-ipnets': {
    inboundPortsInclude: '4000,5000',
    inboundPortsExclude: '6000,7000,',
    rerouteVirtualInterfaces: 'eth0,eth1',
    outboundIPRangesExclude: '2001:db8::/32',
    outboundIPRangesInclude: '2001:db8::/32',
    enableIPv6: true,
  },
  'ipv6-uid-gid': {
    inboundPortsInclude: '4000,5000',
    inboundPortsExclude: '6000,7000',
    rerouteVirtualInterfaces: 'eth0,eth1',
    proxyGID: '1,2',
    proxyUID: '3,4',
    enableIPv6: true,
    outboundIPRangesExclude: '2001:db8::/32',
    outboundIPRangesInclude: '2001:db8::/32',
  },
  'ipv6-outbound-ports': { inboundPortsInclude: '', outboundPortsInclude: '32000,31000', enableIPv6: true },
  'kube-virt-interfaces': { rerouteVirtualInterfaces: 'eth1,eth2', outboundIPRangesInclude: '*' },
  ipnets: { outboundIPRangesInclude: '10.0.0.0/8' },
  'ipnets-with-kube-virt-interfaces': {
    rerouteVirtualInterfaces: 'eth1,eth2',
    outboundIPRangesInclude: '10.0.0.0/8',
  },
  'inbound-ports-include': { inboundPortsInclude: '32000,31000' },
  'inbound-ports-wildcard': { inboundPortsInclude: '*' },
  'inbound-ports-tproxy': { inboundPortsInclude: '32000,31000', inboundInterceptionMode: 'TPROXY' },
  'inbound-ports-wildcard-tproxy': { inboundPortsInclude: '*', inboundInterceptionMode: 'TPROXY' },
  // REDIRECT_DNS without DNS servers and without CAPTURE_ALL_DNS: Istio turns DNS capture off.
  'ipv6-dns-uid-gid': { enableIPv6: true, proxyGID: '1,2', proxyUID: '3,4' },
  'outbound-owner-groups': { ownerGroupsInclude: 'java,202' },
  'outbound-owner-groups-exclude': { ownerGroupsExclude: '888,ftp' },
  'ipv6-dns-outbound-owner-groups': { enableIPv6: true, ownerGroupsInclude: 'java,202' },
  'ipv6-dns-outbound-owner-groups-exclude': { enableIPv6: true, ownerGroupsExclude: '888,ftp' },
  'outbound-ports-include': { outboundPortsInclude: '32000,31000' },
  'basic-exclude-nic': { excludeInterfaces: 'not-istio-nic' },
  'drop-invalid': { dropInvalid: true },
  'host-ipv4-loopback-cidr': { hostIPv4LoopbackCidr: '127.0.0.1/8' },
};

/** What Istio's dependency stub records: the saves, each restore input, the final saves. */
function executed(c: CaptureConfig): string {
  const b = buildCapture(c);
  const lines = ['iptables-save', 'ip6tables-save', b.restoreV4().trimEnd()];
  if (c.enableIPv6) lines.push(b.restoreV6().trimEnd());
  lines.push('iptables-save');
  if (c.enableIPv6) lines.push('ip6tables-save');
  return lines.join('\n');
}

describe('istio-iptables goldens', () => {
  test.each(Object.entries(CASES))('%s', (name, settings) => {
    const golden = readFileSync(`${dir}${name}.golden`, 'utf8');
    expect(executed({ ...DEFAULT_CAPTURE, ...settings })).toBe(golden.trimEnd());
  });
});

describe('capture from an injected pod', () => {
  test('the init container arguments give the capture rules', () => {
    const pod = inject(
      {
        metadata: {
          name: 'web',
          namespace: 'shop',
          annotations: {
            'traffic.sidecar.istio.io/includeInboundPorts': '8080',
            'traffic.sidecar.istio.io/excludeOutboundIPRanges': '10.96.0.1/32',
          },
        },
        spec: { containers: [{ name: 'web', ports: [{ containerPort: 8080 }] }] },
      },
      {},
    ).pod;
    const init = pod.spec.initContainers?.find((c) => c.name === 'istio-init');
    expect(captureFromArgs(init?.args ?? [])).toMatchObject({
      proxyPort: '15001',
      inboundCapturePort: '15006',
      proxyUID: '1337',
      proxyGID: '1337',
      inboundPortsInclude: '8080',
      inboundPortsExclude: '15090,15021,15020',
      outboundIPRangesInclude: '*',
      outboundIPRangesExclude: '10.96.0.1/32',
    });
    const rules = captureRules(init);
    expect(rules?.ipv4).toContain('-A ISTIO_INBOUND -p tcp --dport 8080 -j ISTIO_IN_REDIRECT\n');
    expect(rules?.ipv4).toContain(
      '-A ISTIO_OUTPUT -d 10.96.0.1/32 -j RETURN\n-A ISTIO_OUTPUT -j ISTIO_REDIRECT\n',
    );
    expect(rules?.ipv4).toContain('-A ISTIO_OUTPUT -m owner --uid-owner 1337 -j RETURN\n');
    expect(captureRules(undefined)).toBeUndefined();
  });
});
