// Push over the expo-notifications stand-in of jest.setup.ts, on Android (the only platform
// that registers: the server sends through FCM).
import { PermissionStatus } from 'expo';
import * as Notifications from 'expo-notifications';
import { act, fireEvent, renderRouter, screen, waitFor } from 'expo-router/testing-library';
import { Platform } from 'react-native';

import { saveApiUrl } from '@/auth/api-url';
import { endSession, startSession } from '@/auth/session';
import { KEYS } from '@/auth/storage';
import { env } from '@/config/env';
import { setLanguage } from '@/i18n';
import { fakeApi, type FakeApi, PASSWORD } from '@/testing/fake-api';
import * as store from '@/testing/fake-secure-store';

import { routes } from './routes';

const INCIDENT = '01937c4e-0000-7000-8000-000000000042';
const ACTION = '01937c4e-0000-7000-8000-0000000000a7';
const FCM_TOKEN = 'fcm-registration-token-of-this-phone';

let server: FakeApi;

beforeEach(async () => {
  // The calls the last test's render made (its listeners among them).
  jest.clearAllMocks();
  jest.replaceProperty(Platform, 'OS', 'android');
  await endSession();
  await saveApiUrl(env.apiUrl);
  store.reset();
  await setLanguage('en');
  server = fakeApi();
  globalThis.fetch = server.fetch;
});

afterEach(() => {
  jest.restoreAllMocks();
});

const permission = (granted: boolean): Notifications.NotificationPermissionsStatus => ({
  granted,
  canAskAgain: true,
  expires: 'never',
  status: granted ? PermissionStatus.GRANTED : PermissionStatus.UNDETERMINED,
});

/** A tap on a push whose FCM data is `data` (only what the app reads of a response). */
function tap(data: Record<string, string>) {
  const open = jest
    .mocked(Notifications.addNotificationResponseReceivedListener)
    .mock.calls.at(-1)?.[0];
  if (!open) throw new Error('no listener for tapped notifications');
  const response = { notification: { request: { content: { data } } } };
  act(() => open(response as unknown as Notifications.NotificationResponse));
}

describe('push', () => {
  it('after sign-in, with permission granted, registers the device’s FCM token', async () => {
    // Not decided yet: the app asks, the user allows.
    jest.mocked(Notifications.getPermissionsAsync).mockResolvedValueOnce(permission(false));
    jest.mocked(Notifications.requestPermissionsAsync).mockResolvedValueOnce(permission(true));
    jest
      .mocked(Notifications.getDevicePushTokenAsync)
      .mockResolvedValueOnce({ type: 'android', data: FCM_TOKEN });
    renderRouter(routes, { initialUrl: '/sign-in' });
    fireEvent.changeText(await screen.findByLabelText('Email address'), 'a.moreau@example.com');
    fireEvent.changeText(screen.getByLabelText('Password'), PASSWORD);
    expect(server.count('/api/v1/devices')).toBe(0);

    fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(server.count('/api/v1/devices')).toBe(1));
    expect(server.requests.find((r) => r.path === '/api/v1/devices')).toMatchObject({
      method: 'POST',
      authorization: 'Bearer access-1',
      body: { platform: 'android', push_token: FCM_TOKEN },
    });
    await waitFor(() =>
      expect(store.values.get(KEYS.pushDevice)).toBe('01937c4e-0000-7000-8000-0000000000de'),
    );
  });

  it('a tapped notification opens the incident or the action it names', async () => {
    await startSession(server.issue());
    const app = renderRouter(routes, { initialUrl: '/inbox' });
    await waitFor(() =>
      expect(Notifications.addNotificationResponseReceivedListener).toHaveBeenCalled(),
    );

    tap({ category: 'hse', link: `/hse/incidents/${INCIDENT}` });
    expect(await screen.findByText('This incident is not on the device.')).toBeVisible();
    expect(app.getPathname()).toBe(`/incidents/${INCIDENT}`);

    // An overdue action links to its incident but is about the action.
    tap({ category: 'hse', link: `/hse/incidents/${INCIDENT}`, action_id: ACTION });
    expect(await screen.findByText('This action is not on the device.')).toBeVisible();
    expect(app.getPathname()).toBe(`/actions/${ACTION}`);
    expect(Notifications.clearLastNotificationResponse).toHaveBeenCalledTimes(2);
  });
});
