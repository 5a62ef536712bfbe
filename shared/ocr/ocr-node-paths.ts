/**
 * Locations of the OCR engine's files in `node_modules`, for the Node side
 * (scan check command, benchmarks, tests). The renderer gets URLs from its
 * bundler instead and must not import this module.
 */
import { access } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { OcrConfigError, type OcrEnginePaths } from './ocr-pool';

const require = createRequire(import.meta.url);

/**
 * Returns the engine paths for reading `language` in Node, with the
 * integer-quantised LSTM model of `@tesseract.js-data/<language>` (707 KB
 * for French). Raises when that package is not installed.
 * NOTE: each language package has its own folder and tesseract.js takes
 * one `langPath`, so this serves one language at a time.
 */
export function nodeOcrPaths(language = 'fra'): OcrEnginePaths {
  const tesseractFolder = dirname(require.resolve('tesseract.js/package.json'));
  const coreFolder = dirname(require.resolve('tesseract.js-core/package.json'));
  let dataFolder: string;
  try {
    dataFolder = dirname(
      require.resolve(`@tesseract.js-data/${language}/package.json`),
    );
  } catch {
    throw new Error(
      `OCR language data for "${language}" is not installed: add the package @tesseract.js-data/${language}.`,
    );
  }

  return {
    workerPath: join(
      tesseractFolder,
      'src',
      'worker-script',
      'node',
      'index.js',
    ),
    corePath: coreFolder,
    langPath: join(dataFolder, '4.0.0_best_int'),
  };
}

/**
 * Checks that the worker script and each language's data exist, and raises
 * `OcrConfigError` naming the missing file. In Node a worker script that
 * does not load ends the process: tesseract.js 7.0.0 listens for worker
 * errors with `onerror`, which Node's worker threads never call.
 */
export async function checkNodeOcrFiles(
  paths: OcrEnginePaths,
  languages: readonly string[] = ['fra'],
): Promise<void> {
  const files = [
    { file: paths.workerPath, what: 'the tesseract.js worker script' },
    ...languages.map((language) => ({
      file: join(paths.langPath, `${language}.traineddata.gz`),
      what: `the OCR data for "${language}"`,
    })),
  ];
  for (const { file, what } of files) {
    try {
      await access(file);
    } catch {
      throw new OcrConfigError(
        `Missing ${what}: ${file} does not exist. Reinstall the dependencies (npm ci) or correct the path.`,
      );
    }
  }
}
