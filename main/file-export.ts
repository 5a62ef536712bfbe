/**
 * Saves a file that the renderer exports (grades, reports): the examiner
 * picks the place in the system's save dialog, attached to the window that
 * asked, and the main process writes the text there as UTF-8.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';

import { BrowserWindow, dialog, type WebContents } from 'electron';

import type {
  FileExportRequest,
  FileExportResult,
} from '../shared/ipc/contract';
import { createLogger } from './logger';

const log = createLogger('file-export');

/**
 * Tells whether `name` is a plain file name. The contract's pattern already
 * rejects separators and control characters, but not `.` and `..`.
 */
export function isPlainFileName(name: string): boolean {
  return name !== '.' && name !== '..' && path.basename(name) === name;
}

/**
 * Shows the save dialog on `sender`'s window, starting in `defaultFolder`
 * with the suggested name, and writes the content to the chosen file.
 * Returns `saved: false` when the examiner cancels.
 */
export async function exportFile(
  request: FileExportRequest,
  sender: WebContents,
  defaultFolder: string,
): Promise<FileExportResult> {
  if (!isPlainFileName(request.suggestedName)) {
    throw new Error(
      `cannot export "${request.suggestedName}": the suggested name must be a file name, not a path`,
    );
  }

  const window = BrowserWindow.fromWebContents(sender);
  if (window === null) {
    throw new Error(
      `cannot export "${request.suggestedName}": web contents ${sender.id} has no window to attach the save dialog to`,
    );
  }

  const choice = await dialog.showSaveDialog(window, {
    defaultPath: path.join(defaultFolder, request.suggestedName),
  });
  if (choice.canceled || choice.filePath === '') {
    log.info(`export of "${request.suggestedName}" cancelled`);
    return { saved: false };
  }

  await writeFile(choice.filePath, request.content, 'utf8');
  log.info(`exported "${request.suggestedName}" to ${choice.filePath}`);
  return { saved: true };
}
