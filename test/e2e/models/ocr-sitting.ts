import type { BrowserContext, Page } from '@playwright/test';

import type { SittingOptions } from '../../../server/sample';
import type { TestServer } from '../../support/test-server';
import type { AppPage } from '../support/app-page';
import { expect } from '../support/fixtures';
import { BatchesScreen } from './batches-screen';
import { SignInScreen } from './sign-in-screen';

/**
 * A small sample sitting for the OCR tests: one examiner (A. Martin) whose
 * batch "Lot 1" has five copies of two pages. The sample generator puts one
 * defect in each of copies 2 to 5 of the first batch: a blank page, an
 * upside-down page, a page from another copy and a missing page. Copy 1 is
 * clean.
 */
export const OCR_SITTING: SittingOptions = {
  graderCount: 1,
  copiesPerBatch: 5,
  pagesPerCopy: 2,
  seed: 3,
};

/** The account of the sample sitting's first examiner. */
const EXAMINER = { username: 'amartin', password: 'demo-password-1' };

/** The anonymous codes of Lot 1, by the defect the generator put in. */
export interface OcrSittingCodes {
  clean: string;
  blankPage: string;
  upsideDown: string;
  wrongCopy: string;
  missingPage: string;
}

/** Returns the codes of Lot 1's copies from the generator's summary. */
export function sittingCodes(server: TestServer): OcrSittingCodes {
  const copies = server.sample?.copies ?? [];
  const codeOf = (kind: string | null): string => {
    const copy = copies.find((candidate) =>
      kind === null
        ? candidate.anomalies.length === 0
        : candidate.anomalies.some((anomaly) => anomaly.kind === kind),
    );
    if (copy === undefined) {
      throw new Error(
        `The sample sitting has no copy with ${kind ?? 'no defect'}: start the server with OCR_SITTING`,
      );
    }
    return copy.anonymousCode;
  };
  return {
    clean: codeOf(null),
    blankPage: codeOf('blank-page'),
    upsideDown: codeOf('upside-down'),
    wrongCopy: codeOf('wrong-copy'),
    missingPage: codeOf('missing-page'),
  };
}

/**
 * Records every request of the browser context, workers included, whose
 * URL is not on `origin` (nor a `blob:` or `data:` URL the page made).
 */
export function recordForeignRequests(
  context: BrowserContext,
  origin: string,
): string[] {
  const foreign: string[] = [];
  context.on('request', (request) => {
    const url = request.url();
    if (
      !url.startsWith(`${origin}/`) &&
      !url.startsWith('blob:') &&
      !url.startsWith('data:')
    ) {
      foreign.push(url);
    }
  });
  return foreign;
}

/** Signs the sample sitting's examiner in and downloads Lot 1. */
export async function downloadSampleBatch(
  page: Page,
  serverUrl: string,
): Promise<void> {
  await page.goto(`${serverUrl}/`);
  await new SignInScreen(page).signIn(EXAMINER.username, EXAMINER.password);
  const batches = new BatchesScreen(page);
  await batches.downloadButton('Lot 1').click();
  await expect(batches.card('Lot 1')).toContainText('Disponible hors ligne', {
    timeout: 30_000,
  });
}

/**
 * Starts an OCR story: records foreign requests and CSP violations, signs
 * in, downloads Lot 1 and opens it. Returns the foreign requests, which
 * the test expects to stay empty.
 */
export async function openDownloadedSampleBatch(
  app: AppPage,
  page: Page,
  context: BrowserContext,
  serverUrl: string,
): Promise<string[]> {
  const foreign = recordForeignRequests(context, new URL(serverUrl).origin);
  await app.recordCspViolations();
  await downloadSampleBatch(page, serverUrl);
  await new BatchesScreen(page).openBatch('Lot 1');
  return foreign;
}
