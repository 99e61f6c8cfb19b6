import { getApiClient } from './api-client';
import { endSession } from './session';
import { KEYS, secretStore } from './storage';

/** How long a sign-out waits for the server before forgetting the session anyway. */
const SERVER_WAIT_MS = 5_000;

function settleWithin(work: Promise<unknown>, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    work
      .catch(() => undefined)
      .finally(() => {
        clearTimeout(timer);
        resolve();
      });
  });
}

/**
 * Signs out: stops push to this device (`DELETE /devices/{id}`) and ends the session on
 * the server (`POST /auth/logout`), both best effort (offline, the session still ends
 * here), then forgets the tokens. Reports queued on the device are kept: they belong to
 * the device until the server acknowledges them.
 */
export async function signOut(): Promise<void> {
  const api = getApiClient();
  const deviceId = await secretStore.get(KEYS.pushDevice);
  const server = (async () => {
    if (deviceId) {
      await api
        .DELETE('/api/v1/devices/{id}', { params: { path: { id: deviceId } } })
        .catch(() => undefined);
    }
    await api.POST('/api/v1/auth/logout');
  })();
  await settleWithin(server, SERVER_WAIT_MS);
  await endSession();
}
