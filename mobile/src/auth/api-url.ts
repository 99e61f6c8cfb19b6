import { env, parseApiUrl } from '@/config/env';

import { KEYS, settingsStore } from './storage';

let current = env.apiUrl;
const listeners = new Set<() => void>();

/** The API address in use: the one saved on this device, else `EXPO_PUBLIC_API_URL`. */
export function getApiUrl(): string {
  return current;
}

/** Reads the address saved on the device (once, at start). */
export async function loadApiUrl(): Promise<string> {
  const saved = parseApiUrl((await settingsStore.get(KEYS.apiUrl)) ?? '');
  if (saved) setCurrent(saved);
  return current;
}

/**
 * Uses and saves the address a person typed (the sign-in screen's server field).
 * Returns the normalised address, or `null` (and changes nothing) if it is not one.
 * The build's default is saved as "no choice", so a later build's default applies.
 */
export async function saveApiUrl(typed: string): Promise<string | null> {
  const url = parseApiUrl(typed);
  if (!url) return null;
  if (url === env.apiUrl) await settingsStore.delete(KEYS.apiUrl);
  else await settingsStore.set(KEYS.apiUrl, url);
  setCurrent(url);
  return url;
}

function setCurrent(url: string) {
  if (url === current) return;
  current = url;
  listeners.forEach((listener) => listener());
}

export function onApiUrlChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
