/**
 * `npm run server:admin -- <command>`: the exam office's actions on an
 * imported sitting. Uses DATABASE_URL and SCAN_STORAGE like the server.
 */
import { parseArgs } from 'node:util';

import {
  AdminError,
  closeBatch,
  listReports,
  rescanCopy,
  withdrawCopy,
} from '../admin/copy-admin';
import { ConfigError, readConfig } from '../config';
import { openDatabase } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { openScanStorage } from '../storage/open-scan-storage';

const HELP = `Usage: npm run server:admin -- <command> [options]

Commands:
  reports                       list the open scan reports
  rescan <copy> <file.pdf>      replace a copy's scan; the grader's client
                                downloads the new one
  withdraw <copy>               withdraw a copy from its batch
  close-batch <batchId>         close a batch: no more grade changes

<copy> is a copy id or an anonymous code.

Options:
  --sitting <id>   the sitting, when an anonymous code is in several
  --help           print this help

Uses DATABASE_URL and SCAN_STORAGE from the environment, as the server does.
Exit codes: 0 done, 1 rejected, 2 invalid arguments.
`;

class UsageError extends Error {}

async function run(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      sitting: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length === 0) {
    console.log(HELP);
    return;
  }

  const [command, ...rest] = positionals;
  const expected: Record<string, number> = {
    reports: 0,
    rescan: 2,
    withdraw: 1,
    'close-batch': 1,
  };
  const count = command === undefined ? undefined : expected[command];
  if (count === undefined) {
    throw new UsageError(
      `Unknown command "${command}": use reports, rescan, withdraw or close-batch`,
    );
  }
  if (rest.length !== count) {
    throw new UsageError(
      `${command} takes ${count} argument${count === 1 ? '' : 's'}, not ${rest.length}: see --help`,
    );
  }

  const config = readConfig();
  const handle = openDatabase(config.databaseUrl);
  const storage = openScanStorage(config.scanStorage);
  try {
    await migrateToLatest(handle);
    const selector = { copy: rest[0] ?? '', sittingId: values.sitting };

    if (command === 'reports') {
      const reports = await listReports(handle.db);
      if (reports.length === 0) {
        console.log('No open scan report.');
      }
      for (const report of reports) {
        const pages = report.pages.length > 0 ? report.pages.join(',') : '-';
        console.log(
          `${report.createdAt}  ${report.anonymousCode}  ${report.kind}  pages ${pages}  by ${report.grader}  ${JSON.stringify(report.note)}`,
        );
      }
    } else if (command === 'rescan') {
      const result = await rescanCopy(handle, storage, selector, rest[1]!);
      console.log(
        `Copy ${result.anonymousCode} now has scan revision ${result.revision} (${result.pageCount} pages, sha256 ${result.sha256}).`,
      );
    } else if (command === 'withdraw') {
      const copy = await withdrawCopy(handle, selector);
      console.log(`Copy ${copy.anonymous_code} withdrawn.`);
    } else {
      const batch = await closeBatch(handle, rest[0]!);
      console.log(`Batch ${batch.id} (${batch.title}) closed.`);
    }
  } finally {
    await handle.close();
    storage.close?.();
  }
}

try {
  await run(process.argv.slice(2));
} catch (error) {
  if (error instanceof UsageError || error instanceof ConfigError) {
    console.error(`copydesk admin: ${error.message}`);
    process.exitCode = 2;
  } else if (error instanceof AdminError) {
    console.error(`copydesk admin: ${error.message}`);
    process.exitCode = 1;
  } else if ((error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    console.error(`copydesk admin: ${(error as Error).message}`);
    process.exitCode = 2;
  } else {
    throw error;
  }
}
