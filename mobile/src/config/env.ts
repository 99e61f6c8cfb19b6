import { z } from 'zod';

/** `make run`'s address: right for a simulator or a web build on the same machine. */
export const DEFAULT_API_URL = 'http://127.0.0.1:8080';

const httpUrl = z.url({ protocol: /^https?$/ });

/**
 * An API address as typed by a person or set in the environment: `http(s)://host[:port]`,
 * without a trailing slash (the client's paths start with `/api/v1`). `null` if it is not one.
 */
export function parseApiUrl(value: string): string | null {
  const parsed = httpUrl.safeParse(value.trim());
  return parsed.success ? parsed.data.replace(/\/+$/, '') : null;
}

function apiUrlFromEnv(): string {
  // Metro inlines `process.env.EXPO_PUBLIC_*` at bundle time: read it literally, here only.
  const raw = process.env.EXPO_PUBLIC_API_URL;
  if (!raw) return DEFAULT_API_URL;
  const url = parseApiUrl(raw);
  if (!url) throw new Error(`EXPO_PUBLIC_API_URL is not an http(s) URL: "${raw}"`);
  return url;
}

/**
 * Build-time settings. The API address is `EXPO_PUBLIC_API_URL` (mobile/.env.local or the
 * shell that runs `npm start`), else `DEFAULT_API_URL`. The sign-in screen will let the
 * user replace it on the device; this is the value it starts from.
 */
export const env = {
  apiUrl: apiUrlFromEnv(),
} as const;
