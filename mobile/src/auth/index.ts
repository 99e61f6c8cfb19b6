/**
 * Sign-in, the session and its tokens. Other features use only what this file exports:
 * `authorizedFetch` and `getApiClient` for requests, `useSession` in screens, `signOut`,
 * `onSignedIn` outside React.
 */
export { getApiClient } from './api-client';
export { getApiUrl } from './api-url';
export { authorizedFetch } from './authorized-fetch';
export { onSignedIn } from './session';
export type { Me, Session, SessionStatus } from './session';
export { signOut } from './sign-out';
export { useSession } from './use-session';
