import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { setSession } from '@/lib/auth/session';

export const signInSchema = z.object({
  email: z.string().trim().min(1, 'errors.field.required').email('errors.field.email'),
  password: z.string().min(1, 'errors.field.required'),
});
export type SignInInput = z.infer<typeof signInSchema>;

export type MfaChallenge = Schemas['MfaRequiredOut'];

function isChallenge(out: Schemas['LoginOut']): out is MfaChallenge {
  return 'mfa_required' in out && out.mfa_required;
}

/** Signs in; answers the second-factor challenge when the account has one. */
export async function signIn(input: SignInInput): Promise<MfaChallenge | null> {
  const out = unwrap(
    await api.POST('/api/v1/auth/login', { body: { ...input, device_name: deviceName() } }),
  );
  if (isChallenge(out)) return out;
  setSession(out);
  return null;
}

export function useSignIn() {
  return useMutation({ mutationFn: signIn });
}

/** Shown in the sessions list: "Chrome on Linux". */
export function deviceName() {
  const ua = navigator.userAgent;
  const browser = /Edg\//.test(ua)
    ? 'Edge'
    : /Firefox\//.test(ua)
      ? 'Firefox'
      : /Chrome\//.test(ua)
        ? 'Chrome'
        : /Safari\//.test(ua)
          ? 'Safari'
          : 'Browser';
  const os = /Windows/.test(ua)
    ? 'Windows'
    : /Mac OS X/.test(ua)
      ? 'macOS'
      : /Android/.test(ua)
        ? 'Android'
        : /iPhone|iPad/.test(ua)
          ? 'iOS'
          : /Linux/.test(ua)
            ? 'Linux'
            : '';
  return os ? `${browser} · ${os}` : browser;
}
