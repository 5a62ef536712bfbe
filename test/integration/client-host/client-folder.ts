/**
 * A small web client folder laid out like the output of `npm run build`,
 * with the traps a static file server must not fall into: hidden files,
 * files named like API routes, and symbolic links that lead out of it.
 */
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const INDEX_PAGE = `<!doctype html>
<html lang="fr">
  <head>
    <meta charset="utf-8" />
    <title>Copydesk</title>
    <script type="module" crossorigin src="./assets/index-CxpUUIkf.js"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`;

/** Content of a file next to the client folder, which must never be served. */
export const SECRET = 'secret next to the client folder';

/** WebAssembly magic number and version: the start of every .wasm file. */
const WASM_BYTES = Buffer.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
]);

/** Files of the client folder, by path, with their content. */
export const CLIENT_FILES: Record<string, string | Buffer> = {
  'index.html': INDEX_PAGE,
  'assets/index-CxpUUIkf.js': 'console.log("copydesk");\n',
  'assets/index-CU6l5V55.css': 'body { margin: 0; }\n',
  'assets/pdf.worker-Bq2xY7aa.mjs': 'export {};\n',
  'assets/tesseract-core-1a2B3c4D.wasm': WASM_BYTES,
  'assets/logo-AbCdEfGh.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
  'assets/inter-AbCdEfGh.woff2': Buffer.from('wOF2 font bytes'),
  'manifest.json': '{"name":"Copydesk"}\n',
  'favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>\n',
  'help/index.html':
    '<!doctype html><html><head></head><body>help</body></html>\n',
  '.env': 'TOKEN=do-not-serve\n',
  // Files named like server routes, which must not shadow them.
  healthz: 'file, not the health probe\n',
  metrics: 'file, not the metrics\n',
  'api/v1/assignments': 'file, not the API\n',
};

export interface ClientFolder {
  /** The folder that contains `client/` and `secret.txt`. */
  parent: string;
  /** The web client folder to serve. */
  root: string;
}

/**
 * Writes the client folder inside a new temporary folder, next to
 * `secret.txt`, with three symbolic links: `leak.txt` to the secret,
 * `outside/` to the parent folder, and `alias.js` to a file of the client.
 */
export async function writeClientFolder(): Promise<ClientFolder> {
  const parent = await mkdtemp(join(tmpdir(), 'copydesk-client-'));
  const root = join(parent, 'client');

  for (const [path, content] of Object.entries(CLIENT_FILES)) {
    const file = join(root, ...path.split('/'));
    await mkdir(join(file, '..'), { recursive: true });
    await writeFile(file, content);
  }
  await writeFile(join(parent, 'secret.txt'), SECRET);

  await symlink(join(parent, 'secret.txt'), join(root, 'leak.txt'));
  await symlink(parent, join(root, 'outside'));
  await symlink(
    join(root, 'assets', 'index-CxpUUIkf.js'),
    join(root, 'alias.js'),
  );
  return { parent, root };
}
