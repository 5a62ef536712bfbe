/**
 * `npm run demo`: the reference server on SQLite with a demo sitting of
 * scanned-looking copies, ready to sign in to, and the web client built in
 * out/renderer/ served at its address.
 *
 * The sitting is generated and imported once into `data/demo/`; later runs
 * reuse it, so marks entered during a demo are still there. `--fresh`
 * deletes it and starts again.
 */
import { existsSync } from 'node:fs';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { importSitting } from '../import/import-sitting';
import { writeSitting, type SittingDocument } from '../sample';
import { ConfigError } from '../config';
import { openScanStorage } from '../storage/open-scan-storage';
import { reportStartupError, stopOnSignals } from './lifecycle';
import { startServer } from './serve';

const HELP = `Usage: npm run demo [-- --fresh] [--port <n>]

Starts the reference server on SQLite with a demo exam sitting (3 accounts,
20 scanned copies each), serves the web client built in out/renderer/ at
its address, and prints that address and the demo sign-ins. The demo's
data lives in data/demo/ and is kept between runs.

Options:
  --fresh        delete data/demo/ and generate the sitting again
  --port <n>     TCP port (default: PORT, or 8080)
  --help         print this help
`;

const DEMO_FOLDER = resolve('data/demo');
const SITTING_FOLDER = join(DEMO_FOLDER, 'sitting');
const DATABASE_URL = `sqlite:${join(DEMO_FOLDER, 'copydesk.sqlite')}`;
const SCAN_STORAGE = `file:${join(DEMO_FOLDER, 'scans')}`;
const READY_MARK = join(DEMO_FOLDER, 'imported');
// Written by `npm run build`, which `npm run demo` runs first.
const CLIENT_ROOT = resolve('out/renderer');

async function prepareDemo(): Promise<void> {
  console.log('Generating the demo sitting (about a minute, once)...');
  await rm(DEMO_FOLDER, { recursive: true, force: true });
  const summary = await writeSitting(SITTING_FOLDER, {});
  console.log(
    `  ${summary.copies.length} copies, ${(summary.totalBytes / 1e6).toFixed(1)} MB of scans`,
  );

  const handle = openDatabase(DATABASE_URL);
  try {
    await migrateToLatest(handle);
    await importSitting(SITTING_FOLDER, {
      db: handle,
      storage: openScanStorage(SCAN_STORAGE),
      onProgress: ({ step, done, total }) => {
        process.stdout.write(`\r  ${step} ${done}/${total} `);
        if (done === total) {
          process.stdout.write('\n');
        }
      },
    });
  } finally {
    await handle.close();
  }

  // The scans now live in scan storage; only sitting.json is read again.
  for (const copy of summary.copies) {
    await rm(join(SITTING_FOLDER, copy.file), { force: true });
  }

  // Written last, so an interrupted preparation is redone next time.
  await writeFile(READY_MARK, new Date().toISOString());
}

function readPort(text: string | undefined): string {
  const port = text ?? process.env.PORT ?? '8080';
  const value = Number(port);
  if (!/^\d+$/.test(port) || value < 1 || value > 65535) {
    throw new ConfigError(
      `--port "${port}" is invalid: expected a whole number from 1 to 65535`,
    );
  }
  return port;
}

async function main(): Promise<void> {
  let values;
  try {
    values = parseArgs({
      options: {
        fresh: { type: 'boolean', default: false },
        port: { type: 'string' },
        help: { type: 'boolean', default: false },
      },
    }).values;
  } catch (error) {
    throw new ConfigError(`${(error as Error).message}; see --help`);
  }
  if (values.help) {
    console.log(HELP);
    return;
  }
  const port = readPort(values.port);

  if (values.fresh || !existsSync(READY_MARK)) {
    await prepareDemo();
  }

  const sitting = JSON.parse(
    await readFile(join(SITTING_FOLDER, 'sitting.json'), 'utf8'),
  ) as SittingDocument;
  const server = await startServer({
    ...process.env,
    PORT: port,
    DATABASE_URL,
    SCAN_STORAGE,
    CLIENT_ROOT,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  });

  console.log(`\nCopydesk demo server: ${server.url}`);
  if (existsSync(join(CLIENT_ROOT, 'index.html'))) {
    console.log(`Web client:           ${server.url}/`);
  } else {
    console.log(
      `Web client:           not built (no ${CLIENT_ROOT}/index.html): run \`npm run build\`, then restart the demo`,
    );
  }
  console.log(`API contract:         ${server.url}/api/v1/openapi.json`);
  console.log('Sign in with:');
  for (const grader of sitting.graders) {
    const role = grader.role === 'supervisor' ? ' (supervisor)' : '';
    console.log(`  ${grader.username} / ${grader.password}${role}`);
  }
  console.log('\nPress Ctrl+C to stop.');

  stopOnSignals('copydesk demo', () => server.close());
}

try {
  await main();
} catch (error) {
  process.exit(reportStartupError('copydesk demo', error));
}
