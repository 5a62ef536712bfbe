/**
 * The app's i18next instance: French by default, English as the second
 * language, with French as the fallback for a missing key.
 */
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';

import type { Language } from '../../../shared/ipc/contract';
import { en } from './en';
import { fr } from './fr';

export const LANGUAGES: readonly Language[] = ['fr', 'en'];
export const DEFAULT_LANGUAGE: Language = 'fr';

/** Creates and initialises an i18next instance in `language`. */
export async function createI18n(language: Language): Promise<i18n> {
  const instance = i18next.createInstance();
  await instance.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    // React escapes what it renders, so i18next must not escape again.
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
