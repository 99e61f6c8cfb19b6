import { KEYS, settingsStore } from '@/auth/storage';

import { isLanguage, type Language, setLanguage } from './index';

/** The language chosen on this device, if any (else the device's, see `deviceLanguage`). */
export async function savedLanguage(): Promise<Language | null> {
  const saved = await settingsStore.get(KEYS.language);
  return isLanguage(saved) ? saved : null;
}

/** At start: the language chosen on this device, if one was. */
export async function applySavedLanguage(): Promise<void> {
  const saved = await savedLanguage();
  if (saved) await setLanguage(saved);
}

/** A person's choice (the profile's switch): used now and at every start. */
export async function chooseLanguage(language: Language): Promise<void> {
  await setLanguage(language);
  await settingsStore.set(KEYS.language, language);
}

/**
 * After sign-in: the account's language (`/auth/me`'s `locale`) unless this device has a
 * choice of its own.
 */
export async function adoptAccountLanguage(language: Language): Promise<void> {
  if (!(await savedLanguage())) await setLanguage(language);
}
