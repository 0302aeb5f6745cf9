// Issue 13, finding 10: the address the rate limits count comes from the trusted proxy
// configuration, never from what a client writes into X-Forwarded-For.
import { request as httpRequest, createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseTrustedProxyHops } from '@/lib/env';
import { clientAddressFrom, normaliseAddress, UNKNOWN_ADDRESS } from '@/lib/security/client-address';
import { PEER_ADDRESS_HEADER, stampPeerAddresses } from '@/lib/security/peer-address';

const headers = (h: Record<string, string>) => new Headers(h);

/** A real Node HTTP server with the stamp on; answers with the headers the request arrived with. */
async function arrivedHeaders(sent: Record<string, string>): Promise<IncomingHttpHeaders> {
  stampPeerAddresses();
  const server = createServer((req, res) => res.end(JSON.stringify(req.headers)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    return await new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port, headers: sent }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve(JSON.parse(body)));
      });
      req.on('error', reject);
      req.end();
    });
  } finally {
    server.close();
  }
}

describe('finding 10: client address from the trusted proxy configuration', () => {
  it('finding 10: a forged X-Forwarded-For without trusted proxies does not change the bucket', async () => {
    const plain = await arrivedHeaders({});
    const forged = await arrivedHeaders({ 'x-forwarded-for': '203.0.113.9', [PEER_ADDRESS_HEADER]: '203.0.113.9' });
    const asHeaders = (h: IncomingHttpHeaders) => headers(Object.fromEntries(Object.entries(h).map(([k, v]) => [k, String(v)])));
    expect(clientAddressFrom(asHeaders(plain), 0)).toBe('127.0.0.1');
    expect(clientAddressFrom(asHeaders(forged), 0)).toBe('127.0.0.1');
  });

  it('finding 10: with one trusted hop the address the proxy saw counts, not what the client prepended', () => {
    const h = headers({ 'x-forwarded-for': '6.6.6.6, 198.51.100.4', [PEER_ADDRESS_HEADER]: '10.0.0.2' });
    expect(clientAddressFrom(h, 1)).toBe('198.51.100.4');
    expect(clientAddressFrom(h, 2)).toBe('6.6.6.6');
    expect(clientAddressFrom(h, 0)).toBe('10.0.0.2');
    // Fewer entries than trusted hops: the leftmost there is; none at all: the peer.
    expect(clientAddressFrom(headers({ 'x-forwarded-for': '198.51.100.4' }), 3)).toBe('198.51.100.4');
    expect(clientAddressFrom(headers({ [PEER_ADDRESS_HEADER]: '10.0.0.2' }), 1)).toBe('10.0.0.2');
  });

  it('finding 10: without the stamp every request shares one bucket instead of trusting the header', () => {
    expect(clientAddressFrom(headers({ 'x-forwarded-for': '203.0.113.9' }), 0)).toBe(UNKNOWN_ADDRESS);
  });

  it('counts IPv4-mapped addresses as IPv4 and IPv6 clients per /64', () => {
    expect(normaliseAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseAddress('2001:db8:0:1:aaaa::1')).toBe(normaliseAddress('2001:DB8:0:1:ffff:ffff:ffff:ffff'));
    expect(normaliseAddress('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(normaliseAddress('[2001:db8:0:2::1]')).not.toBe(normaliseAddress('2001:db8:0:1::1'));
    expect(normaliseAddress('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
  });

  it('reads TRUSTED_PROXY_HOPS: 0 when unset, a clear error when not a small whole number', () => {
    expect(parseTrustedProxyHops({})).toBe(0);
    expect(parseTrustedProxyHops({ TRUSTED_PROXY_HOPS: '' })).toBe(0);
    expect(parseTrustedProxyHops({ TRUSTED_PROXY_HOPS: '2' })).toBe(2);
    for (const bad of ['-1', '1.5', 'many', '99'])
      expect(() => parseTrustedProxyHops({ TRUSTED_PROXY_HOPS: bad })).toThrow(/TRUSTED_PROXY_HOPS: must be the number of reverse proxies/);
  });
});
