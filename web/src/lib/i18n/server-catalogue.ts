import { api } from '@/lib/api/client';
import { onSessionChange } from '@/lib/auth/session';

import { i18n, isLanguage, type Language } from './index';
import { enMenu, frMenu } from './locales/menu';

/**
 * The server's catalogue (`GET /api/v1/i18n/{locale}`: menu and permission labels,
 * every module's words, and, when signed in, the company's own words) added to
 * i18next: all of it in the `server` namespace (flat keys with dots), and the `menu.*`
 * keys over the bundled `menu` namespace, so a company's label wins over ours.
 *
 * Loaded at start, on a language change and on signing in or out; each answer is kept
 * with its ETag, and asked again with `If-None-Match` (a 304 costs nothing).
 */

type Cached = { etag: string; messages: Record<string, string> };

const BUNDLED_MENU: Record<Language, Record<string, string>> = { fr: frMenu, en: enMenu };

/** By language and by who asked (the company's words differ from the defaults). */
const cache = new Map<string, Cached>();
let signedIn = false;
let generation = 0;

/** Puts a catalogue into i18next (`menu` rebuilt whole, so a removed override goes away). */
export function applyCatalogue(language: Language, messages: Record<string, string>) {
  const menu = Object.fromEntries(
    Object.entries(messages).filter(([key]) => key.startsWith('menu.')),
  );
  i18n.addResourceBundle(language, 'server', messages, false, true);
  i18n.addResourceBundle(language, 'menu', { ...BUNDLED_MENU[language], ...menu }, false, true);
}

async function load(language: Language) {
  const ticket = ++generation;
  const key = `${language}:${signedIn ? 'company' : 'public'}`;
  const cached = cache.get(key);
  try {
    const { data, response } = await api.GET('/api/v1/i18n/{locale}', {
      params: { path: { locale: language } },
      headers: cached ? { 'If-None-Match': cached.etag } : {},
    });
    let messages = cached?.messages;
    if (response.status !== 304 && data) {
      messages = data.messages;
      cache.set(key, { etag: response.headers.get('ETag') ?? data.version, messages });
    }
    // A later load (another language, a sign-in) has the last word.
    if (messages && ticket === generation) applyCatalogue(language, messages);
  } catch {
    // Offline or refused: the bundled words stay.
  }
}

/** Asks again now (after the company's words changed). */
export function reloadServerCatalogue() {
  if (isLanguage(i18n.language)) return load(i18n.language);
  return Promise.resolve();
}

let started = false;

/** Once, at start: loads the catalogue and follows the language and the session. */
export function startServerCatalogue() {
  if (started) return;
  started = true;
  i18n.on('languageChanged', (language) => {
    if (isLanguage(language)) void load(language);
  });
  // Token refreshes repeat "signed in": only a change of side loads again.
  onSessionChange((now) => {
    if (now === signedIn) return;
    signedIn = now;
    void reloadServerCatalogue();
  });
  void reloadServerCatalogue();
}
