import Constants from 'expo-constants';
import { Platform } from 'react-native';
import { z } from 'zod';

import type { Schemas } from '@/api/client';
import { unwrap } from '@/api/problem';
import { adoptAccountLanguage } from '@/i18n/preference';

import { getApiClient, getPublicApiClient } from './api-client';
import { setUser, startSession, type TokensOut } from './session';
import { KEYS, secretStore } from './storage';

export type MfaChallenge = Schemas['MfaRequiredOut'];
export type MfaMethod = Schemas['MfaMethod'];

export const MFA_METHODS: readonly MfaMethod[] = ['totp', 'sms', 'recovery'];

/** Field messages are i18n keys (`errors.field.*`). */
export const signInSchema = z.object({
  email: z.string().trim().min(1, 'errors.field.required').pipe(z.email('errors.field.email')),
  password: z.string().min(1, 'errors.field.required'),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const mfaCodeSchema = (method: MfaMethod) =>
  z
    .string()
    .transform((code) => code.replace(/\s/g, ''))
    .pipe(
      method === 'recovery'
        ? z.string().regex(/^[a-z0-9]{4}-?[a-z0-9]{4}$/i, 'errors.field.recovery_code')
        : z.string().regex(/^\d{6}$/, 'errors.field.six_digits'),
    );

/** Shown in the user's sessions list: "Pixel 8 (android)". */
function deviceName(): string {
  const name = Constants.deviceName;
  return name ? `${name} (${Platform.OS})` : `OpsFlux ${Platform.OS}`;
}

function isChallenge(out: Schemas['LoginOut']): out is MfaChallenge {
  return 'mfa_required' in out && out.mfa_required;
}

/** Asks the server who is signed in, and keeps the answer for the profile and offline starts. */
export async function refreshUser(): Promise<void> {
  const me = unwrap(await getApiClient().GET('/api/v1/auth/me'));
  await setUser(me);
  await adoptAccountLanguage(me.locale);
}

async function begin(out: TokensOut) {
  if (out.trusted_device_token) await secretStore.set(KEYS.trustedDevice, out.trusted_device_token);
  await startSession(out);
  // Signed in even if this fails (a blip): the app asks again when it next starts.
  await refreshUser().catch(() => undefined);
}

/**
 * Email and password. Resolves `null` once signed in, or the second-factor challenge when
 * the account has one and this device is not trusted. Throws the server's `ApiProblem`.
 */
export async function signIn(input: SignInInput): Promise<MfaChallenge | null> {
  const trusted = await secretStore.get(KEYS.trustedDevice);
  const out = unwrap(
    await getPublicApiClient().POST('/api/v1/auth/login', {
      body: {
        email: input.email.trim(),
        password: input.password,
        device_name: deviceName(),
        ...(trusted ? { trusted_device_token: trusted } : {}),
      },
    }),
  );
  if (isChallenge(out)) return out;
  await begin(out);
  return null;
}

export type MfaInput = { method: MfaMethod; code: string; trustDevice: boolean };

/** The second factor: completes the sign-in the challenge started. */
export async function verifyMfa(challenge: MfaChallenge, input: MfaInput): Promise<void> {
  const tokens = unwrap(
    await getPublicApiClient().POST('/api/v1/auth/mfa/verify', {
      body: {
        mfa_token: challenge.mfa_token,
        method: input.method,
        code: input.code.replace(/\s/g, ''),
        trust_device: input.trustDevice,
        device_name: deviceName(),
      },
    }),
  );
  await begin(tokens);
}

/** Sends (or sends again) the sign-in code by SMS; the server allows 3 per attempt. */
export async function sendMfaSms(challenge: MfaChallenge): Promise<void> {
  unwrap(
    await getPublicApiClient().POST('/api/v1/auth/mfa/sms/send', {
      body: { mfa_token: challenge.mfa_token },
    }),
  );
}

/** The challenge's methods that this app knows, in a stable order. */
export function challengeMethods(challenge: MfaChallenge): MfaMethod[] {
  return MFA_METHODS.filter((method) => challenge.methods.includes(method));
}
