import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

import { enAdmin } from './locales/admin.en';
import { frAdmin } from './locales/admin.fr';
import { en } from './locales/en';
import { enFiles } from './locales/files.en';
import { frFiles } from './locales/files.fr';
import { fr } from './locales/fr';
import { enHooks } from './locales/hooks.en';
import { frHooks } from './locales/hooks.fr';
import { enMenu, frMenu } from './locales/menu';
import { enModules } from './locales/modules.en';
import { frModules } from './locales/modules.fr';
import { enNotifications } from './locales/notifications.en';
import { frNotifications } from './locales/notifications.fr';
import { enScheduler } from './locales/scheduler.en';
import { frScheduler } from './locales/scheduler.fr';
import { enSequences } from './locales/sequences.en';
import { frSequences } from './locales/sequences.fr';
import { enSites } from './locales/sites.en';
import { frSites } from './locales/sites.fr';
import { enTranslations } from './locales/translations.en';
import { frTranslations } from './locales/translations.fr';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'opsflux.language';

/** Before sign-in: the last language chosen on this browser, else French. */
function initialLanguage(): Language {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return saved === 'en' ? 'en' : 'fr';
}

export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: {
    fr: {
      translation: fr,
      menu: frMenu,
      admin: frAdmin,
      scheduler: frScheduler,
      notifications: frNotifications,
      hooks: frHooks,
      translations: frTranslations,
      files: frFiles,
      sequences: frSequences,
      modules: frModules,
      sites: frSites,
    },
    en: {
      translation: en,
      menu: enMenu,
      admin: enAdmin,
      scheduler: enScheduler,
      notifications: enNotifications,
      hooks: enHooks,
      translations: enTranslations,
      files: enFiles,
      sequences: enSequences,
      modules: enModules,
      sites: enSites,
    },
  },
  lng: initialLanguage(),
  fallbackLng: 'fr',
  supportedLngs: LANGUAGES,
  interpolation: { escapeValue: false },
  returnNull: false,
  // The server's catalogue arrives after start (server-catalogue.ts): re-render then.
  react: { bindI18nStore: 'added' },
});

/** Switches the UI language (the signed-in user's profile follows through `update-profile`). */
export function setLanguage(language: Language) {
  localStorage.setItem(STORAGE_KEY, language);
  document.documentElement.lang = language;
  return i18n.changeLanguage(language);
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

/**
 * Namespaces only a few pages need: not in the first download (the sign-in page's budget),
 * loaded by those pages' routes. Both languages at once, so a language switch finds them.
 */
const LAZY_NAMESPACES = {
  hse: async () => {
    const [fr, en] = await Promise.all([import('./locales/hse.fr'), import('./locales/hse.en')]);
    return { fr: fr.frHse, en: en.enHse };
  },
  calendar: async () => {
    const [fr, en] = await Promise.all([
      import('./locales/calendar.fr'),
      import('./locales/calendar.en'),
    ]);
    return { fr: fr.frCalendar, en: en.enCalendar };
  },
  hseKpi: async () => {
    const [fr, en] = await Promise.all([
      import('./locales/hse-kpi.fr'),
      import('./locales/hse-kpi.en'),
    ]);
    return { fr: fr.frHseKpi, en: en.enHseKpi };
  },
  importExport: async () => {
    const [fr, en] = await Promise.all([
      import('./locales/import-export.fr'),
      import('./locales/import-export.en'),
    ]);
    return { fr: fr.frImportExport, en: en.enImportExport };
  },
};
export type LazyNamespace = keyof typeof LAZY_NAMESPACES;

/** For a route's `loader`: the namespace's words, fetched once. */
export async function loadNamespace(namespace: LazyNamespace) {
  if (i18n.hasResourceBundle('fr', namespace)) return;
  const words = await LAZY_NAMESPACES[namespace]();
  for (const language of LANGUAGES) {
    i18n.addResourceBundle(language, namespace, words[language], true, false);
  }
}

/** For keys built at run time (API error codes, Zod messages): the words, if we have them. */
export function translateIfExists(key: string): string | undefined {
  return i18n.exists(key) ? (i18n.t as (key: string) => string)(key) : undefined;
}
