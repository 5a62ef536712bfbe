/**
 * The header layout that the page checks of a batch use: the layout the
 * server sent with the batch, or `DEFAULT_HEADER_LAYOUT` when it sent none
 * or an invalid one. Each layout comes with a key that names its content,
 * stored with the checks so that a changed layout redoes them.
 */
import { canonicalJson } from '../../../shared/canonical-json';
import {
  DEFAULT_HEADER_LAYOUT,
  HeaderLayoutError,
  parseHeaderLayout,
  type HeaderLayout,
} from '../../../shared/ocr/header-layout';
import { type Logger, SILENT_LOGGER } from '../download/logger';
import type { BatchRow } from '../store/rows';

/** A parsed header layout and its key. */
export interface BatchHeaderLayout {
  layout: HeaderLayout;
  /** SHA-256 of the layout's canonical JSON, in hexadecimal. */
  key: string;
}

/** Returns the key of a layout: the SHA-256 of its canonical JSON, in hexadecimal. */
export async function headerLayoutKey(layout: HeaderLayout): Promise<string> {
  const bytes = new TextEncoder().encode(canonicalJson(layout));
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (byte) =>
    byte.toString(16).padStart(2, '0'),
  ).join('');
}

/**
 * Parses the layouts of batches and logs each invalid one once, because
 * the OCR queue resolves every batch's layout again on each refresh.
 */
export class HeaderLayoutResolver {
  readonly #logger: Logger;
  readonly #reported = new Set<string>();
  #defaultLayout: Promise<BatchHeaderLayout> | undefined;

  constructor(logger: Logger = SILENT_LOGGER) {
    this.#logger = logger;
  }

  /** Returns the default layout and its key. */
  defaultLayout(): Promise<BatchHeaderLayout> {
    this.#defaultLayout ??= headerLayoutKey(DEFAULT_HEADER_LAYOUT).then(
      (key) => ({ layout: DEFAULT_HEADER_LAYOUT, key }),
    );
    return this.#defaultLayout;
  }

  /**
   * Returns the layout of `batch`. A batch that is not stored, or that
   * has no `headerLayout`, gets the default. An invalid layout is logged
   * with the batch id and every problem, and the default is used.
   */
  async resolve(batch: BatchRow | undefined): Promise<BatchHeaderLayout> {
    if (batch?.headerLayout === undefined) {
      return this.defaultLayout();
    }

    let layout: HeaderLayout;
    try {
      layout = parseHeaderLayout(batch.headerLayout);
    } catch (error) {
      if (!(error instanceof HeaderLayoutError)) {
        throw error;
      }
      this.#reportInvalid(batch, error);
      return this.defaultLayout();
    }
    return { layout, key: await headerLayoutKey(layout) };
  }

  #reportInvalid(batch: BatchRow, error: HeaderLayoutError): void {
    const reported = `${batch.id}\n${canonicalJson(batch.headerLayout)}`;
    if (this.#reported.has(reported)) {
      return;
    }
    this.#reported.add(reported);
    this.#logger.warn(
      'invalid header layout from the server, page checks use the default',
      { batchId: batch.id, problems: error.problems.join(' ') },
    );
  }
}
