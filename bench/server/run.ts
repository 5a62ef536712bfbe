/**
 * `npm run bench:server`: benchmarks the reference server on this machine.
 * `--help` lists the options; docs/benchmarks.md describes the method and
 * records the figures.
 */
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { redactUrl } from '../../server/db/database';
import { readOptionsOrExit } from '../common/options';
import {
  createPostgresDatabase,
  createSqliteDatabase,
  type BenchDatabase,
} from './bench-database';
import { startBenchServer } from './bench-server';
import { findCurl } from './download-clients';
import { runDownloadTest, type DownloadResult } from './download-test';
import { runGradeLoad } from './grade-load';
import { describeMachine } from './machine';
import { HELP, parseOptions, type BenchOptions } from './options';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster';
import { formatMarkdown, type BenchReport, type WriteRun } from './report';
import { writeJsonReport } from '../common/json-report';
import { prepareSitting, type BenchSitting } from './sample-sitting';

/** Hides the password of a PostgreSQL URL given on the command line. */
function redactArgument(argument: string): string {
  return argument.replace(/postgres(?:ql)?:\/\/\S+/, (url) => redactUrl(url));
}

function progress(message: string): void {
  console.error(`bench:server: ${message}`);
}

async function runBenchmarks(
  options: BenchOptions,
  runFolder: string,
): Promise<BenchReport> {
  const startedAt = new Date().toISOString();
  const machine = describeMachine();

  progress(
    `generating ${options.distinctScans} scans of ${options.pages} pages, then ${options.copies} copies`,
  );
  const sitting = await prepareSitting(join(runFolder, 'sitting'), {
    copies: options.copies,
    pagesPerCopy: options.pages,
    dpi: options.dpi,
    distinctScans: options.distinctScans,
    writeCopies: options.connections,
  });
  progress(
    `sitting ready in ${(sitting.generateMs / 1000).toFixed(0)} s: ${(sitting.totalBytes / 1e6).toFixed(0)} MB of scans`,
  );

  let curl: string | null = null;
  if (options.curl && options.tests.includes('downloads')) {
    curl = await findCurl();
    if (curl === null) {
      progress(
        'curl not found, so downloads are measured with fetch only: install it (apt-get install curl) to compare with curl',
      );
    }
  }

  let cluster: PostgresCluster | null = null;
  const writes: WriteRun[] = [];
  let downloads: DownloadResult[] = [];
  try {
    for (const [index, dialect] of options.databases.entries()) {
      let database: BenchDatabase;
      if (dialect === 'sqlite') {
        database = await createSqliteDatabase(runFolder);
      } else {
        let adminUrl = options.postgresUrl;
        if (adminUrl === null) {
          progress('starting a throwaway PostgreSQL cluster');
          cluster = await startPostgresCluster();
          adminUrl = cluster.adminUrl;
        }
        database = await createPostgresDatabase(adminUrl);
      }

      const run = await benchmarkDatabase(
        options,
        database,
        sitting,
        runFolder,
        index === 0 && options.tests.includes('downloads'),
        curl !== null,
      );
      writes.push(run.write);
      if (run.downloads !== null) {
        downloads = run.downloads;
      }
    }
  } finally {
    cluster?.stop();
  }

  return {
    startedAt,
    command: [
      'npm run bench:server --',
      ...process.argv.slice(2).map(redactArgument),
    ].join(' '),
    options: {
      ...options,
      postgresUrl: options.postgresUrl && redactUrl(options.postgresUrl),
    },
    machine,
    curl,
    sitting: {
      copies: options.copies,
      pagesPerCopy: options.pages,
      dpi: options.dpi,
      distinctScans: options.distinctScans,
      bytes: sitting.totalBytes,
      generateMilliseconds: Math.round(sitting.generateMs),
    },
    writes,
    downloadDatabase: downloads.length > 0 ? options.databases[0]! : null,
    downloads,
  };
}

async function benchmarkDatabase(
  options: BenchOptions,
  database: BenchDatabase,
  sitting: BenchSitting,
  runFolder: string,
  withDownloads: boolean,
  withCurl: boolean,
): Promise<{ write: WriteRun; downloads: DownloadResult[] | null }> {
  progress(
    `importing the sitting into ${database.dialect} ${database.version}`,
  );
  const server = await startBenchServer(
    database,
    sitting,
    withDownloads ? sitting.folder : sitting.writesFolder,
    runFolder,
  );
  progress(
    `imported ${server.copies.length} copies in ${(server.importMs / 1000).toFixed(1)} s, server listening at ${server.url}`,
  );

  try {
    let result = null;
    if (options.tests.includes('writes')) {
      progress(
        `grade writes on ${database.dialect}: ${options.connections} connections for ${options.duration} s`,
      );
      result = await runGradeLoad(server, {
        connections: options.connections,
        duration: options.duration,
        questions: sitting.questions,
        pageCount: options.pages,
      });
      progress(
        `${database.dialect}: ${result.writesPerSecond.toFixed(0)} writes/s, p50 ${result.latencyP50} ms, p99 ${result.latencyP99} ms, ${result.non2xx} non-2xx, ${result.errors} errors`,
      );
    }

    let downloads = null;
    if (withDownloads) {
      progress(
        `scan downloads at parallelism ${options.parallelism.join(', ')}, ${options.rounds} rounds`,
      );
      downloads = await runDownloadTest(server, {
        parallelism: options.parallelism,
        rounds: options.rounds,
        clients: withCurl ? ['fetch', 'curl'] : ['fetch'],
        workFolder: runFolder,
      });
    }

    const write: WriteRun = {
      database: database.dialect,
      databaseVersion: database.version,
      importedCopies: server.copies.length,
      importMilliseconds: Math.round(server.importMs),
      result,
    };
    return { write, downloads };
  } finally {
    await server.close();
    await database.drop();
    await rm(server.scanFolder, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const options = readOptionsOrExit('bench:server', parseOptions, HELP);
  if (options === null) {
    return;
  }

  const runFolder = await mkdtemp(join(tmpdir(), 'copydesk-bench-server-'));
  // Ctrl-C exits through process.exit, so the exit handlers still remove
  // the run folder and stop the PostgreSQL cluster.
  const removeRunFolder = () =>
    rmSync(runFolder, { recursive: true, force: true });
  process.once('exit', removeRunFolder);
  process.once('SIGINT', () => process.exit(130));

  const report = await runBenchmarks(options, runFolder);
  process.stdout.write(`${formatMarkdown(report)}\n`);
  const file = await writeJsonReport(options.outFolder, 'server', report);
  progress(`raw results written to ${file}`);
}

await main();
