/**
 * Command-line options of `npm run bench:server`, their defaults, checks
 * and help text.
 */
import type { Dialect } from '../../server/db/database';
import {
  OptionsError,
  parseBenchArgs,
  readDpi,
  readInteger,
} from '../common/options';

export { OptionsError };

export type BenchTest = 'writes' | 'downloads';

export interface BenchOptions {
  databases: Dialect[];
  /** Superuser URL of a running PostgreSQL server, or null for a throwaway cluster. */
  postgresUrl: string | null;
  tests: BenchTest[];
  /** Length of each grade-write run, seconds. */
  duration: number;
  connections: number;
  copies: number;
  pages: number;
  dpi: 150 | 300;
  distinctScans: number;
  parallelism: number[];
  rounds: number;
  curl: boolean;
  outFolder: string;
}

export const HELP = `Usage: npm run bench:server -- [options]

Benchmarks the reference server on 127.0.0.1: grade writes under load on
each database, and scan downloads against a bare Node static file server
serving the same files. Prints a Markdown table and writes the raw results
as JSON.

Options:
  --databases LIST     databases to run the grade writes on, in order:
                       sqlite, postgres or both (default sqlite,postgres).
                       Scan downloads run on the first one only.
  --postgres-url URL   superuser URL of a running PostgreSQL server on a
                       loopback address; a fresh database is created in it
                       and dropped at the end. Without it, a throwaway
                       cluster is started with the newest initdb and pg_ctl
                       found on PATH or under /usr/lib/postgresql/*/bin.
  --tests LIST         writes, downloads or both (default writes,downloads)
  --duration SECONDS   length of each grade-write run (default 10)
  --connections N      concurrent connections of the grade writes; each
                       connection writes its own copy (default 50)
  --copies N           copies in the imported batch, each with its own scan
                       file (default 150)
  --pages N            pages per copy (default 8)
  --dpi N              scan resolution, 150 or 300 (default 150)
  --distinct-scans N   scans generated before the copies repeat them, from
                       1 to --copies (default 10). Drawing a page takes
                       0.1 to 0.3 s on a 2-core machine.
  --parallelism LIST   concurrent downloads, comma-separated (default 4,16)
  --rounds N           downloads of the whole batch per client, server and
                       parallelism; the median round is reported (default 5)
  --skip-curl          compare with the Node client only, not with curl
  --out FOLDER         folder of the JSON results (default bench/results)
  --help               print this help and exit
`;

/** Parses `args`; returns null when --help was given. */
export function parseOptions(args: string[]): BenchOptions | null {
  const parsed = parseBenchArgs(args, {
    databases: { type: 'string', default: 'sqlite,postgres' },
    'postgres-url': { type: 'string' },
    tests: { type: 'string', default: 'writes,downloads' },
    duration: { type: 'string', default: '10' },
    connections: { type: 'string', default: '50' },
    copies: { type: 'string', default: '150' },
    pages: { type: 'string', default: '8' },
    dpi: { type: 'string', default: '150' },
    'distinct-scans': { type: 'string', default: '10' },
    parallelism: { type: 'string', default: '4,16' },
    rounds: { type: 'string', default: '5' },
    'skip-curl': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results' },
    help: { type: 'boolean', default: false },
  });

  const values = parsed.values;
  if (values.help) {
    return null;
  }

  const copies = readInteger('--copies', values.copies, 1, 1000);
  const connections = readInteger('--connections', values.connections, 1, 1000);
  if (connections > copies) {
    throw new OptionsError(
      `--connections ${connections} is more than --copies ${copies}: each connection writes its own copy, so raise --copies or lower --connections`,
    );
  }

  const dpi = readDpi('--dpi', values.dpi);

  return {
    databases: readList('--databases', values.databases, [
      'sqlite',
      'postgres',
    ]),
    postgresUrl: readPostgresUrl(values['postgres-url']),
    tests: readList('--tests', values.tests, ['writes', 'downloads']),
    duration: readInteger('--duration', values.duration, 1, 600),
    connections,
    copies,
    pages: readInteger('--pages', values.pages, 1, 100),
    dpi,
    distinctScans: readInteger(
      '--distinct-scans',
      values['distinct-scans'],
      1,
      copies,
    ),
    parallelism: values.parallelism
      .split(',')
      .map((item) => readInteger('--parallelism', item.trim(), 1, 256)),
    rounds: readInteger('--rounds', values.rounds, 1, 20),
    curl: !values['skip-curl'],
    outFolder: values.out,
  };
}

function readList<T extends string>(
  name: string,
  text: string,
  allowed: readonly T[],
): T[] {
  const items = text.split(',').map((item) => item.trim());
  const chosen: T[] = [];
  for (const item of items) {
    if (!allowed.includes(item as T)) {
      throw new OptionsError(
        `${name} "${text}" is invalid: "${item}" is not one of ${allowed.join(', ')}`,
      );
    }
    if (!chosen.includes(item as T)) {
      chosen.push(item as T);
    }
  }
  return chosen;
}

const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'];

/** Accepts only a postgres:// URL on a loopback address, so no traffic leaves the machine. */
function readPostgresUrl(text: string | undefined): string | null {
  if (text === undefined) {
    return null;
  }

  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OptionsError(
      '--postgres-url is not a URL: use postgres://user@127.0.0.1:5432/postgres',
    );
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new OptionsError(
      `--postgres-url has the scheme "${url.protocol}": use postgres://user@127.0.0.1:5432/postgres`,
    );
  }
  if (!LOOPBACK_HOSTS.includes(url.hostname)) {
    throw new OptionsError(
      `--postgres-url names the host "${url.hostname}": the benchmark only connects to loopback addresses (${LOOPBACK_HOSTS.join(', ')})`,
    );
  }
  return text;
}
