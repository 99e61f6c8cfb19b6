import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { setSession } from '@/lib/auth/session';

import { deviceName } from './sign-in';

export type MfaMethod = Schemas['MfaMethod'];

export const verifyMfaSchema = z
  .object({
    method: z.enum(['totp', 'sms', 'recovery']),
    code: z.string().trim().min(1, 'errors.field.required'),
    trust_device: z.boolean(),
  })
  .superRefine((value, ctx) => {
    const pattern = value.method === 'recovery' ? /^[a-z0-9]{4}-?[a-z0-9]{4}$/i : /^\d{6}$/;
    if (value.code && !pattern.test(value.code.replace(/\s/g, ''))) {
      ctx.addIssue({
        code: 'custom',
        path: ['code'],
        message:
          value.method === 'recovery' ? 'errors.field.recovery_code' : 'errors.field.six_digits',
      });
    }
  });
export type VerifyMfaInput = z.infer<typeof verifyMfaSchema>;

export async function verifyMfa(mfaToken: string, input: VerifyMfaInput) {
  const tokens = unwrap(
    await api.POST('/api/v1/auth/mfa/verify', {
      body: {
        mfa_token: mfaToken,
        method: input.method,
        code: input.code.replace(/\s/g, ''),
        trust_device: input.trust_device,
        device_name: deviceName(),
      },
    }),
  );
  setSession(tokens);
}

export function useVerifyMfa(mfaToken: string) {
  return useMutation({ mutationFn: (input: VerifyMfaInput) => verifyMfa(mfaToken, input) });
}
