import createClient from 'openapi-fetch';

import { i18n } from '@/lib/i18n';

import { createAuthFetch } from './auth-fetch';
import type { components, paths } from './schema';

let sessionExpiredHandler: () => void = () => {};

/** The router registers where to go when the session cannot be refreshed. */
export function onSessionExpired(handler: () => void) {
  sessionExpiredHandler = handler;
}

const authFetch = createAuthFetch(
  (input, init) => fetch(input, init),
  () => sessionExpiredHandler(),
);

/**
 * The one API client: typed from openapi/openapi.json (`npm run api:types`), same-origin,
 * signed and refreshed by `createAuthFetch`. Call it from `features/<x>/api/` files only.
 */
export const api = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  fetch: authFetch,
});

api.use({
  onRequest({ request }) {
    request.headers.set('Accept-Language', i18n.language);
    return request;
  },
});

export type { paths };
export type Schemas = components['schemas'];
