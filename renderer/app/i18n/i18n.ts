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

/** Picks the app language from a BCP 47 tag such as `en-GB`; French otherwise. */
export function languageFromLocale(locale: string): Language {
  const primary = locale.toLowerCase().split('-')[0];
  return LANGUAGES.find((language) => language === primary) ?? DEFAULT_LANGUAGE;
}

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
