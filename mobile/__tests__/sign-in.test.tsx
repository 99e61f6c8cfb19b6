import { fireEvent, renderRouter, screen, waitFor } from 'expo-router/testing-library';

import { saveApiUrl } from '@/auth/api-url';
import { endSession, getSession } from '@/auth/session';
import { KEYS } from '@/auth/storage';
import { env } from '@/config/env';
import { setLanguage } from '@/i18n';
import {
  fakeApi,
  type FakeApi,
  PASSWORD,
  problem,
  RECOVERY_CODE,
  SMS_CODE,
  TOTP_CODE,
} from '@/testing/fake-api';
import * as store from '@/testing/fake-secure-store';

import { routes } from './routes';

let server: FakeApi;

beforeEach(async () => {
  await endSession();
  await saveApiUrl(env.apiUrl);
  store.reset();
  await setLanguage('en');
  server = fakeApi({ mfa: ['totp', 'sms', 'recovery'] });
  globalThis.fetch = server.fetch;
});

async function enterPassword(password = PASSWORD) {
  const app = renderRouter(routes, { initialUrl: '/' });
  expect(await screen.findByRole('header', { name: 'Sign in' })).toBeVisible();
  fireEvent.changeText(screen.getByLabelText('Email address'), 'a.moreau@example.com');
  fireEvent.changeText(screen.getByLabelText('Password'), password);
  fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));
  return app;
}

function enterCode(label: string, code: string) {
  fireEvent.changeText(screen.getByLabelText(label), code);
  fireEvent.press(screen.getByRole('button', { name: 'Verify' }));
}

describe('sign-in', () => {
  it('a signed-out user who opens the app lands on sign-in', async () => {
    const app = renderRouter(routes, { initialUrl: '/inbox' });
    expect(await screen.findByRole('header', { name: 'Sign in' })).toBeVisible();
    expect(app.getPathname()).toBe('/sign-in');
  });

  it('password, then the authenticator code: a wrong code shows the problem, the right one signs in', async () => {
    const app = await enterPassword();
    expect(await screen.findByRole('header', { name: 'Two-step verification' })).toBeVisible();

    enterCode('6-digit code', '000000');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong code.');
    expect(getSession().status).toBe('signed-out');

    enterCode('6-digit code', TOTP_CODE);
    await waitFor(() => expect(app.getPathname()).toBe('/report'));
    expect(getSession().status).toBe('signed-in');
    expect(getSession().user?.user.full_name).toBe('Amélie Moreau');
    const verify = server.requests.filter((r) => r.path === '/api/v1/auth/mfa/verify');
    expect(verify.map((r) => r.body)).toEqual([
      expect.objectContaining({ mfa_token: 'mfa-1', method: 'totp', code: '000000' }),
      expect.objectContaining({ mfa_token: 'mfa-1', method: 'totp', code: TOTP_CODE }),
    ]);
    expect(store.values.get(KEYS.tokens)).toContain('refresh-1');
  });

  it('a problem the app has no words for shows the server’s own detail', async () => {
    const speaks = server.fetch.getMockImplementation();
    server.fetch.mockImplementation((input, init) =>
      (input as Request).url.endsWith('/auth/mfa/verify')
        ? Promise.resolve(problem(429, 'mfa_locked', 'Too many codes: wait 15 minutes.'))
        : speaks!(input, init),
    );
    await enterPassword();
    await screen.findByRole('header', { name: 'Two-step verification' });

    enterCode('6-digit code', TOTP_CODE);

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many codes: wait 15 minutes.');
  });

  it('a recovery code signs in too', async () => {
    const app = await enterPassword();
    await screen.findByRole('header', { name: 'Two-step verification' });

    fireEvent.press(screen.getByRole('tab', { name: 'Recovery code' }));
    expect(screen.getByText(/one of your recovery codes/)).toBeVisible();
    enterCode('Recovery code', RECOVERY_CODE);

    await waitFor(() => expect(app.getPathname()).toBe('/report'));
    const verify = server.requests.find((r) => r.path === '/api/v1/auth/mfa/verify');
    expect(verify?.body).toEqual(
      expect.objectContaining({ method: 'recovery', code: RECOVERY_CODE }),
    );
  });

  it('an SMS code signs in: the SMS goes out when that method is picked, and again on request', async () => {
    const app = await enterPassword();
    await screen.findByRole('header', { name: 'Two-step verification' });
    expect(server.count('/api/v1/auth/mfa/sms/send')).toBe(0);

    fireEvent.press(screen.getByRole('tab', { name: 'SMS' }));
    expect(await screen.findByText('Code sent by SMS.')).toBeVisible();
    expect(screen.getByText('Enter the 6-digit code we sent you by SMS.')).toBeVisible();
    fireEvent.press(screen.getByRole('button', { name: 'Send the code again' }));
    await waitFor(() => expect(server.count('/api/v1/auth/mfa/sms/send')).toBe(2));
    enterCode('6-digit code', SMS_CODE);

    await waitFor(() => expect(app.getPathname()).toBe('/report'));
    expect(getSession().status).toBe('signed-in');
    const sent = server.requests.filter((r) => r.path === '/api/v1/auth/mfa/sms/send');
    expect(sent.map((r) => r.body)).toEqual([{ mfa_token: 'mfa-1' }, { mfa_token: 'mfa-1' }]);
    const verify = server.requests.filter((r) => r.path === '/api/v1/auth/mfa/verify');
    expect(verify.map((r) => r.body)).toEqual([
      expect.objectContaining({ mfa_token: 'mfa-1', method: 'sms', code: SMS_CODE }),
    ]);
  });

  it('checks the code’s form before asking the server', async () => {
    await enterPassword();
    await screen.findByRole('header', { name: 'Two-step verification' });

    enterCode('6-digit code', '12ab');

    expect(await screen.findByText('Enter the 6 digits.')).toBeVisible();
    expect(server.count('/api/v1/auth/mfa/verify')).toBe(0);
  });

  it('a wrong password says so', async () => {
    await enterPassword('nope');
    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email address or password.');
  });

  it('the server field refuses what is not an address, and uses and keeps one that is', async () => {
    renderRouter(routes, { initialUrl: '/sign-in' });
    await screen.findByRole('header', { name: 'Sign in' });
    fireEvent.press(screen.getByRole('button', { name: `Server · ${env.apiUrl}` }));
    fireEvent.changeText(screen.getByLabelText('Server address'), 'opsflux.site.local');
    fireEvent.changeText(screen.getByLabelText('Email address'), 'a.moreau@example.com');
    fireEvent.changeText(screen.getByLabelText('Password'), PASSWORD);
    fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText(/Enter an http:\/\/ or https:\/\/ address/)).toBeVisible();
    expect(server.requests).toHaveLength(0);

    fireEvent.changeText(screen.getByLabelText('Server address'), 'https://opsflux.site.local/');
    fireEvent.press(screen.getByRole('button', { name: 'Sign in' }));

    await screen.findByRole('header', { name: 'Two-step verification' });
    expect(server.fetch.mock.calls[0]?.[0]).toEqual(
      expect.objectContaining({ url: 'https://opsflux.site.local/api/v1/auth/login' }),
    );
    expect(store.values.get(KEYS.apiUrl)).toBe('https://opsflux.site.local');
  });
});
