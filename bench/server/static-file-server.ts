/**
 * The reference point of the download test: a bare static file server on
 * node:http that streams a file of the scan folder with
 * `fs.createReadStream`, with no framework, authentication or database.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { relative, resolve, sep } from 'node:path';

export interface StaticFileServer {
  /** Base URL; a file's URL is the base followed by its path in the folder. */
  url: string;
  close(): Promise<void>;
}

export async function startStaticFileServer(
  folder: string,
): Promise<StaticFileServer> {
  const root = resolve(folder);
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(
      new URL(request.url ?? '/', 'http://127.0.0.1').pathname,
    );
    const file = resolve(root, `.${path}`);
    const inside = relative(root, file);
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..') {
      response.writeHead(404).end();
      return;
    }

    stat(file).then(
      (stats) => {
        response.writeHead(200, {
          'content-type': 'application/pdf',
          'content-length': stats.size,
        });
        const stream = createReadStream(file);
        stream.on('error', () => response.destroy());
        stream.pipe(response);
      },
      () => response.writeHead(404).end(),
    );
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
