// The client address the rate limits count, from the trusted proxy configuration: with no trusted
// proxy (TRUSTED_PROXY_HOPS=0) X-Forwarded-For is the client's own claim and is ignored, and the
// socket's peer address counts; with N proxies, each appends the address it saw, so the Nth entry
// from the right is the one the outermost trusted proxy saw. IPv6 clients count per /64, the
// block one subscriber is usually given.
import { isIPv4, isIPv6 } from 'node:net';
import { headers } from 'next/headers';
import { trustedProxyHops } from '@/lib/env';
import { PEER_ADDRESS_HEADER } from './peer-address';

/** Requests the stamp missed (not received by this Node server) share one bucket, never a forged one. */
export const UNKNOWN_ADDRESS = 'unknown';

function ipv6Prefix64(address: string): string {
  const [head, tail] = address.split('::');
  const groups = (part: string | undefined) => (part ? part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])) : []);
  const left = groups(head);
  const all = tail === undefined ? left : [...left, ...Array(8 - left.length - groups(tail).length).fill('0'), ...groups(tail)];
  return `${all
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

export function normaliseAddress(raw: string): string {
  const address = raw
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  const mapped = address.replace(/^::ffff:/i, '');
  if (isIPv4(mapped)) return mapped;
  if (isIPv6(address)) return ipv6Prefix64(address.toLowerCase());
  return address.slice(0, 100) || UNKNOWN_ADDRESS;
}

export function clientAddressFrom(h: Pick<Headers, 'get'>, hops: number): string {
  const peer = h.get(PEER_ADDRESS_HEADER) || UNKNOWN_ADDRESS;
  if (hops === 0) return normaliseAddress(peer);
  const forwarded = (h.get('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  return normaliseAddress(forwarded[Math.max(0, forwarded.length - hops)] ?? peer);
}

/** The address of the client of the current request. */
export async function clientAddress(): Promise<string> {
  return clientAddressFrom(await headers(), trustedProxyHops());
}
