import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

/**
 * Writes a benchmark's report as JSON into `folder`, named after the
 * benchmark and its start time (`sync-2026-12-05T01-27-27Z.json`), and
 * returns the file's path.
 */
export async function writeJsonReport(
  folder: string,
  benchmark: string,
  report: { startedAt: string },
): Promise<string> {
  await mkdir(folder, { recursive: true });
  const stamp = report.startedAt.replaceAll(':', '-').replace(/\.\d+Z$/, 'Z');
  const file = resolve(join(folder, `${benchmark}-${stamp}.json`));
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  return file;
}
