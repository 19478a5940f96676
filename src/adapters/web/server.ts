import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import type { Deps } from '../../core/deps.js';
import { type WebOptions, webRoutes } from './routes.js';

export interface WebServer {
  /** Where the server listens, e.g. http://127.0.0.1:8787 */
  url: string;
  stop(): Promise<void>;
}

/** The overlay and host screen, on their own port beside the chat adapters. */
export async function startWebServer(
  deps: Deps,
  listen: { host: string; port: number },
  options: WebOptions,
): Promise<WebServer> {
  const routes = webRoutes(deps, options);
  const server = createAdaptorServer({ fetch: routes.app.fetch });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(listen.port, listen.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => deps.log.error({ err: error }, 'web server error'));
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        routes.close();
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
