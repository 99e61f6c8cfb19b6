import { type ApiClient, createApiClient } from '@/api/client';
import { i18n } from '@/i18n';

import { getApiUrl } from './api-url';
import { authorizedFetch } from './authorized-fetch';

let cached: { baseUrl: string; client: ApiClient } | null = null;

/**
 * The typed API client for the signed-in user: the current API address, the UI language,
 * requests signed and refreshed by `authorizedFetch`. Call it when you make a request
 * (not once at import): the address can change at sign-in.
 */
export function getApiClient(): ApiClient {
  const baseUrl = getApiUrl();
  if (cached?.baseUrl !== baseUrl) {
    cached = {
      baseUrl,
      client: createApiClient({ baseUrl, language: () => i18n.language, fetch: authorizedFetch }),
    };
  }
  return cached.client;
}

/** A client that signs nothing: sign-in, second factor, SMS code (no session yet). */
export function getPublicApiClient(): ApiClient {
  return createApiClient({
    baseUrl: getApiUrl(),
    language: () => i18n.language,
    // Looked up at each call, so a test's fake fetch is the one used.
    fetch: (request) => globalThis.fetch(request),
  });
}
