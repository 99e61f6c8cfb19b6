import createClient from 'openapi-fetch';

import type { components, paths } from './schema';

export type ApiClientOptions = {
  /** `http(s)://host[:port]` of the API, without `/api/v1` (see `parseApiUrl`). */
  baseUrl: string;
  /** The UI language, sent as `Accept-Language` so problem titles and labels match it. */
  language?: () => string;
  /** Replaces `globalThis.fetch`: a signing/refreshing fetch, or a fake in tests. */
  fetch?: (request: Request) => Promise<Response>;
};

/**
 * A client typed from openapi/openapi.json (`npm run api:types`). One per API address:
 * the address can change at sign-in, so the app makes its client from the current one.
 */
export function createApiClient({ baseUrl, language, fetch }: ApiClientOptions) {
  const client = createClient<paths>({ baseUrl, ...(fetch ? { fetch } : {}) });
  if (language) {
    client.use({
      onRequest({ request }) {
        request.headers.set('Accept-Language', language());
        return request;
      },
    });
  }
  return client;
}

export type ApiClient = ReturnType<typeof createApiClient>;
export type { paths };
export type Schemas = components['schemas'];
