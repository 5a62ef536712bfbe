/**
 * Turns what the client core reports into text for the examiner, in the
 * app's language. The technical detail goes to the log, not the screen.
 */
import type { TFunction } from 'i18next';

import {
  ApiError,
  NetworkError,
  SignInRequiredError,
} from '../core/api/errors';
import type { LocalizedMessage } from '../core/download/messages';

/** Returns the French or English text of a core message. */
export function localized(message: LocalizedMessage, language: string): string {
  return language.startsWith('en') ? message.en : message.fr;
}

/** Explains an error that kept a download from starting. */
export function describeDownloadError(error: unknown, t: TFunction): string {
  if (error instanceof NetworkError) {
    return t('download.paused');
  }
  if (error instanceof SignInRequiredError) {
    return t('signIn.required');
  }
  if (error instanceof ApiError && error.status === 404) {
    return t('batches.withdrawn');
  }
  return t('download.startFailed', {
    detail: error instanceof Error ? error.message : String(error),
  });
}
