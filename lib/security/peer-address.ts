// Next.js hands app code the request's headers but not its socket, and keeps a client's own
// X-Forwarded-For as sent. So as Node receives each request (the diagnostics channel
// 'http.server.request.start' fires before any handler runs) the socket's peer address is written
// into a header of the app's own, replacing whatever a client sent under that name.
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

export const PEER_ADDRESS_HEADER = 'x-konsult-peer-address';

function stamp(message: unknown) {
  const { request, socket } = message as { request: IncomingMessage; socket: Socket };
  request.headers[PEER_ADDRESS_HEADER] = socket.remoteAddress ?? '';
}

/** Called once per server process (instrumentation.ts); later calls change nothing. */
export function stampPeerAddresses(): void {
  const shared = globalThis as typeof globalThis & { __konsultPeerStamp?: boolean };
  if (shared.__konsultPeerStamp) return;
  shared.__konsultPeerStamp = true;
  subscribe('http.server.request.start', stamp);
}
