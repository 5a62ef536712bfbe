/**
 * Command-line options of `npm run bench:download`, their defaults, checks
 * and help text.
 */
import { ENGINE_VARIANTS } from './engine-page/page-api';
import type { ClientName } from './measurement';
import {
  OptionsError,
  parseBenchArgs,
  readDpi,
  readInteger,
} from '../common/options';

export { OptionsError };

export const BROWSER_CLIENTS: readonly ClientName[] = [
  'app',
  ...ENGINE_VARIANTS,
];

export interface DownloadBenchOptions {
  /** Browser clients measured, each beside curl; curl always runs. */
  clients: ClientName[];
  rounds: number;
  /** Runs of each browser client with Playwright attached, for the JS heap. */
  attachedRuns: number;
  copies: number;
  pages: number;
  dpi: 150 | 300;
  /** Maximum wait for one download of the batch, seconds. */
  timeout: number;
  /** Folder of the built web app. */
  appFolder: string;
  outFolder: string;
}

export const HELP = `Usage: npm run bench:download -- [options]

Benchmarks the client's batch download against curl. The reference server
runs on 127.0.0.1 with a fresh SQLite database and serves the built web app
(out/renderer/). Each round downloads the whole batch with curl
(--parallel --parallel-max 4) before each browser client, in Chromium
(/usr/bin/chromium) on a new profile. Playwright prepares each page and
disconnects before the download starts:

  app             the web app: sign in, press the batch's download button
  fetch           a page that fetches every scan and drops the bytes
  engine-discard  the download engine with a store that keeps nothing
  engine-encrypt  the same, encrypting each scan with AES-GCM first
  engine-store    the download engine with the app's encrypted IndexedDB store

Prints Markdown tables and writes the raw results as JSON. The sitting is
generated once and cached in the --out folder.

Options:
  --clients LIST   browser clients, comma-separated (default all of them:
                   ${BROWSER_CLIENTS.join(',')})
  --rounds N       rounds; the median is reported (default 5)
  --attached-runs N
                   runs of each browser client after the rounds with
                   Playwright's DevTools connection kept open, which gives
                   the page's JS heap but slows the download (default 1)
  --copies N       copies in the batch (default 150)
  --pages N        pages per copy (default 8)
  --dpi N          scan resolution, 150 or 300 (default 150)
  --timeout S      maximum wait for one download of the batch, seconds
                   (default 900)
  --app FOLDER     folder of the built web app (default out/renderer)
  --out FOLDER     folder of the JSON results and the cached sitting
                   (default bench/results)
  --help           print this help and exit
`;

/** Parses `args`; returns null when --help was given. */
export function parseOptions(args: string[]): DownloadBenchOptions | null {
  const parsed = parseBenchArgs(args, {
    clients: { type: 'string', default: BROWSER_CLIENTS.join(',') },
    rounds: { type: 'string', default: '5' },
    'attached-runs': { type: 'string', default: '1' },
    copies: { type: 'string', default: '150' },
    pages: { type: 'string', default: '8' },
    dpi: { type: 'string', default: '150' },
    timeout: { type: 'string', default: '900' },
    app: { type: 'string', default: 'out/renderer' },
    out: { type: 'string', default: 'bench/results' },
    help: { type: 'boolean', default: false },
  });

  const values = parsed.values;
  if (values.help) {
    return null;
  }

  const dpi = readDpi('--dpi', values.dpi);

  return {
    clients: readClients(values.clients),
    rounds: readInteger('--rounds', values.rounds, 1, 50),
    attachedRuns: readInteger(
      '--attached-runs',
      values['attached-runs'],
      0,
      50,
    ),
    copies: readInteger('--copies', values.copies, 1, 1000),
    pages: readInteger('--pages', values.pages, 1, 100),
    dpi,
    timeout: readInteger('--timeout', values.timeout, 10, 7200),
    appFolder: values.app,
    outFolder: values.out,
  };
}

function readClients(text: string): ClientName[] {
  const chosen: ClientName[] = [];
  for (const item of text.split(',').map((part) => part.trim())) {
    if (!BROWSER_CLIENTS.includes(item as ClientName)) {
      throw new OptionsError(
        `--clients "${text}" is invalid: "${item}" is not one of ${BROWSER_CLIENTS.join(', ')}`,
      );
    }
    if (!chosen.includes(item as ClientName)) {
      chosen.push(item as ClientName);
    }
  }
  return chosen;
}
