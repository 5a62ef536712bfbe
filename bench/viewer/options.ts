/**
 * Command-line options of `npm run bench:viewer`, their defaults, checks
 * and help text.
 */
import {
  OptionsError,
  parseBenchArgs,
  readDpi,
  readInteger,
} from '../common/options';

export { OptionsError };

export interface ViewerBenchOptions {
  /** Scan resolutions measured, one sitting each. */
  dpis: (150 | 300)[];
  /** Copies opened and paged through at each resolution. */
  copies: number;
  pages: number;
  /** Browser window size, CSS pixels. */
  width: number;
  height: number;
  /** Device pixels per CSS pixel of the browser window. */
  pixelRatio: number;
  /** Folder of the built web app. */
  appFolder: string;
  outFolder: string;
}

export const HELP = `Usage: npm run bench:viewer -- [options]

Benchmarks the scan viewer in the web app, in Chromium (/usr/bin/chromium)
against the reference server on 127.0.0.1, beside pdf.js alone in a bare
page. For each scan resolution it signs in, downloads a batch, then opens
each copy from the local store and turns every page with Page Down once
the viewer has rendered the neighbours ahead. It measures:

  page turn     key press to the end of the frame that paints the new
                page, beside the bare page rendering the same page
  first page    address change to the painted page 1 of a copy opened
                from the store, beside the bare page opening the PDF
  early turn    a page turn pressed as soon as a copy shows page 1,
                while the viewer still renders the rest of the copy
  main thread   the task that handles the key press, in the app and in
                the viewer alone (the end-to-end tests' viewer harness),
                and the long tasks (50 ms or more) around turns and
                openings

Prints Markdown tables and writes the raw results as JSON. Each sitting is
generated once and cached in the --out folder.

Options:
  --dpi LIST       scan resolutions, comma-separated (default 150,300)
  --copies N       copies opened at each resolution (default 6)
  --pages N        pages per copy (default 8)
  --width N        window width, CSS pixels (default 1920)
  --height N       window height, CSS pixels (default 1080)
  --pixel-ratio N  device pixels per CSS pixel, 1 to 3 (default 1)
  --app FOLDER     folder of the built web app (default out/renderer)
  --out FOLDER     folder of the JSON results and the cached sittings
                   (default bench/results)
  --help           print this help and exit
`;

/** Parses `args`; returns null when --help was given. */
export function parseOptions(args: string[]): ViewerBenchOptions | null {
  const parsed = parseBenchArgs(args, {
    dpi: { type: 'string', default: '150,300' },
    copies: { type: 'string', default: '6' },
    pages: { type: 'string', default: '8' },
    width: { type: 'string', default: '1920' },
    height: { type: 'string', default: '1080' },
    'pixel-ratio': { type: 'string', default: '1' },
    app: { type: 'string', default: 'out/renderer' },
    out: { type: 'string', default: 'bench/results' },
    help: { type: 'boolean', default: false },
  });

  const values = parsed.values;
  if (values.help) {
    return null;
  }

  const dpis = values.dpi
    .split(',')
    .map((text) => readDpi('--dpi', text.trim()));

  return {
    dpis,
    copies: readInteger('--copies', values.copies, 2, 200),
    pages: readInteger('--pages', values.pages, 2, 100),
    width: readInteger('--width', values.width, 800, 7680),
    height: readInteger('--height', values.height, 600, 4320),
    pixelRatio: readInteger('--pixel-ratio', values['pixel-ratio'], 1, 3),
    appFolder: values.app,
    outFolder: values.out,
  };
}
