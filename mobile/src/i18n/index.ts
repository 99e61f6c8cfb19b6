import { getLocales } from 'expo-localization';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

import { en } from './locales/en';
import { enField } from './locales/field.en';
import { frField } from './locales/field.fr';
import { fr } from './locales/fr';
import { enHse } from './locales/hse.en';
import { frHse } from './locales/hse.fr';
import { enSites } from './locales/sites.en';
import { frSites } from './locales/sites.fr';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export function isLanguage(value: string | null | undefined): value is Language {
  return (LANGUAGES as readonly (string | null | undefined)[]).includes(value);
}

/** The first of the device's preferred languages that we have, else English. */
export function deviceLanguage(): Language {
  const preferred = getLocales().find((locale) => isLanguage(locale.languageCode));
  return isLanguage(preferred?.languageCode) ? preferred.languageCode : 'en';
}

export const resources = {
  fr: { translation: fr, hse: frHse, sites: frSites, field: frField },
  en: { translation: en, hse: enHse, sites: enSites, field: enField },
} as const;

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources,
  lng: deviceLanguage(),
  fallbackLng: 'en',
  supportedLngs: LANGUAGES,
  ns: ['translation', 'hse', 'sites', 'field'],
  defaultNS: 'translation',
  interpolation: { escapeValue: false },
  returnNull: false,
  // Resources are bundled: ready before the first render, no Suspense needed.
  initAsync: false,
});

/** Switches the UI language (persisting the choice comes with the profile screen). */
export function setLanguage(language: Language) {
  return i18n.changeLanguage(language);
}
