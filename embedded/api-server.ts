// The stand-in's API gateway: one HTTP server that routes /auth/v1 to the Auth API and
// /storage/v1 to the Storage API, as Supabase's gateway does on port 54321.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { corsFor, sendJson } from './http';

/** Handles one request; `subpath` is the path after the service prefix, without the query. */
export type ServiceHandler = (req: IncomingMessage, res: ServerResponse, subpath: string) => Promise<void>;

export interface ApiServer {
  url: string;
  port: number;
  server: Server;
  stop(): Promise<void>;
}

export async function startApiServer(opts: {
  port: number;
  host?: string;
  services: Record<string, ServiceHandler>;
  /** Browser origins allowed to call the APIs (the app's site URL); none by default. */
  allowedOrigins?: readonly string[];
}): Promise<ApiServer> {
  const host = opts.host ?? '127.0.0.1';
  const setCors = corsFor(opts.allowedOrigins ?? []);
  const server = createServer((req, res) => {
    setCors(req, res);
    if (req.method === 'OPTIONS') {
      res.writeHead(204).end();
      return;
    }
    const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
    const prefix = Object.keys(opts.services).find((p) => pathname === p || pathname.startsWith(`${p}/`));
    if (!prefix) {
      sendJson(res, 404, { message: 'no Route matched with those values' });
      return;
    }
    opts.services[prefix](req, res, pathname.slice(prefix.length) || '/').catch((error: unknown) => {
      // Each service answers its own errors in its own shape; this is the last resort.
      console.error(`[embedded api] ${req.method} ${pathname}:`, error);
      if (!res.headersSent) sendJson(res, 500, { code: 500, error_code: 'unexpected_failure', msg: 'Unexpected failure' });
      else res.end();
    });
  });
  // A taken port rejects the start (the caller names it) instead of crashing the process later.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  return {
    url: `http://${host}:${port}`,
    port,
    server,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
