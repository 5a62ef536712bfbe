/**
 * Problems found in an import folder. The importer collects every problem
 * before it gives up, so one run lists all that must be fixed.
 */

export interface ImportProblem {
  /**
   * Location of the problem: a JSON path into `sitting.json` such as
   * `batches[2].copies[5].file`, or `sitting.json` itself.
   */
  where: string;
  /** Description of the problem and of the fix. */
  message: string;
}

/** Formats a problem as one line: `where: message`. */
export function formatProblem(problem: ImportProblem): string {
  return `${problem.where}: ${problem.message}`;
}

/** Raised when the folder's content is invalid; nothing was imported. */
export class ImportError extends Error {
  constructor(
    readonly folder: string,
    readonly problems: ImportProblem[],
  ) {
    const count =
      problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(
      `Import of ${folder} rejected, nothing was imported (${count}):\n` +
        problems.map((problem) => `  ${formatProblem(problem)}`).join('\n'),
    );
    this.name = 'ImportError';
  }
}
