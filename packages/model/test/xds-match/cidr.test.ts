import { describe, expect, it } from 'vitest';
import { cidrContains, formatIp, isLoopback, parseCidr, parseIp } from '../../src/xds-match/index.js';

const ip = (text: string) => {
  const parsed = parseIp(text);
  if (parsed === undefined) throw new Error(`bad test address ${text}`);
  return parsed;
};

describe('IP addresses and CIDR ranges', () => {
  const parses: Array<[string, string | undefined]> = [
    ['10.0.0.1', '10.0.0.1'],
    ['256.0.0.1', undefined],
    ['01.2.3.4', undefined],
    ['1.2.3', undefined],
    ['::1', '::1'],
    ['2001:0DB8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['::', '::'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['1:2:3:4:5:6:7::', '1:2:3:4:5:6:7:0'],
    ['::ffff:10.0.0.1', '::ffff:a00:1'],
    ['1::2::3', undefined],
    ['12345::', undefined],
    ['g::1', undefined],
    ['1:2:3:4:5:6:7:8:9', undefined],
    ['[::1]', undefined],
  ];
  it.each(parses)('parses %s', (text, formatted) => {
    const parsed = parseIp(text);
    expect(parsed === undefined ? undefined : formatIp(parsed)).toBe(formatted);
  });

  it('masks a range to its prefix and checks lengths', () => {
    expect(parseCidr('10.1.2.3', 8)?.text).toBe('10.0.0.0/8');
    expect(parseCidr('192.168.1.200', 25)?.text).toBe('192.168.1.128/25');
    expect(parseCidr('fd12:3456::1', 8)?.text).toBe('fd00::/8');
    expect(parseCidr('10.0.0.0', 33)).toBeUndefined();
    expect(parseCidr('::', 129)).toBeUndefined();
    expect(parseCidr('10.0.0.0', -1)).toBeUndefined();
  });

  const contains: Array<[string, number, string, boolean]> = [
    ['10.0.0.0', 8, '10.255.1.1', true],
    ['10.0.0.0', 8, '11.0.0.1', false],
    ['0.0.0.0', 0, '203.0.113.9', true],
    ['192.168.1.0', 25, '192.168.1.127', true],
    ['192.168.1.0', 25, '192.168.1.128', false],
    ['10.0.0.9', 32, '10.0.0.9', true],
    ['10.0.0.9', 32, '10.0.0.8', false],
    ['fd00::', 8, 'fd12::1', true],
    ['::', 0, '10.0.0.1', false],
    ['2001:db8::', 33, '2001:db8:7fff::1', true],
    ['2001:db8::', 33, '2001:db8:8000::1', false],
  ];
  it.each(contains)('%s/%d contains %s: %s', (address, len, text, expected) => {
    const range = parseCidr(address, len);
    expect(range).toBeDefined();
    if (range !== undefined) expect(cidrContains(range, ip(text))).toBe(expected);
  });

  it('knows loopback addresses', () => {
    expect(isLoopback(ip('127.5.5.5'))).toBe(true);
    expect(isLoopback(ip('::1'))).toBe(true);
    expect(isLoopback(ip('::2'))).toBe(false);
    expect(isLoopback(ip('10.0.0.1'))).toBe(false);
  });
});
