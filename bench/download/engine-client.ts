/**
 * The download engine without the app: the engine benchmark page opened in
 * Chromium from the same server, running one variant (see `page-api.ts`).
 */
import { launchChromium } from './browser-session';
import { measurePageRun } from './page-run';
import { ENGINE_PAGE_PATH } from './client-folder';
import { RESULT_PATH, type DownloadServer } from './download-server';
import type {
  EnginePageApi,
  EnginePageFailure,
  EnginePageRequest,
  EnginePageResult,
  EngineVariant,
} from './engine-page/page-api';
import { toMeasurement, type Measurement } from './measurement';
import type { CachedSitting } from './sitting-cache';

export interface EngineRunOptions {
  server: DownloadServer;
  sitting: CachedSitting;
  variant: EngineVariant;
  concurrency: number;
  profileFolder: string;
  round: number;
  /** Keep Playwright connected during the download (see `browser-session.ts`). */
  attached: boolean;
  /** Maximum wait for the end of the download, milliseconds. */
  timeoutMs: number;
}

/**
 * Downloads the batch with one engine page variant on a new profile. The
 * sign-in and, for `engine-store`, the assignments refresh come first,
 * unmeasured. The time is the page's own, from the batch listing to the
 * last scan.
 */
export async function downloadWithEnginePage(
  options: EngineRunOptions,
): Promise<Measurement> {
  const { server, sitting } = options;
  const chromium = await launchChromium(options.profileFolder);
  try {
    const connection = await chromium.connect();
    const { page } = connection;
    page.setDefaultTimeout(60_000);
    await page.goto(`${server.url}/${ENGINE_PAGE_PATH}`);
    await page.waitForSelector('html[data-bench-ready="true"]');

    const request: EnginePageRequest = {
      variant: options.variant,
      username: sitting.username,
      password: sitting.password,
      concurrency: options.concurrency,
    };
    await page.evaluate(
      (pageRequest) =>
        (
          window as unknown as { copydeskBench: EnginePageApi }
        ).copydeskBench.prepare(pageRequest),
      request,
    );

    const { result, usage } = await measurePageRun({
      chromium,
      connection,
      server,
      attached: options.attached,
      timeoutMs: options.timeoutMs,
      schedule: (delayMs) =>
        page.evaluate(
          ([path, delay]) =>
            (
              window as unknown as { copydeskBench: EnginePageApi }
            ).copydeskBench.scheduleDownload(path, delay),
          [RESULT_PATH, delayMs] as const,
        ),
    });

    const posted = result as EnginePageResult | EnginePageFailure;
    if ('error' in posted) {
      throw new Error(
        `The engine page (${options.variant}) failed: ${posted.error}`,
      );
    }
    if (
      posted.outcome !== 'completed' ||
      posted.copiesDone !== sitting.copies ||
      posted.bodyBytes !== sitting.totalBytes
    ) {
      throw new Error(
        `The engine page (${options.variant}) ended with outcome ${posted.outcome}, ${posted.copiesDone} of ${sitting.copies} copies and ${posted.bodyBytes} of ${sitting.totalBytes} bytes. Failures: ${posted.failures.join('; ') || 'none reported'}`,
      );
    }

    return toMeasurement(options.variant, options, usage, {
      milliseconds: posted.milliseconds,
      bodyBytes: posted.bodyBytes,
      copiesDone: posted.copiesDone,
      copiesTotal: posted.copiesTotal,
    });
  } finally {
    await chromium.close();
  }
}
