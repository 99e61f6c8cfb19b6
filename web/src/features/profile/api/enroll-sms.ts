import { useMutation } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export const phoneSchema = z.object({
  phone: z
    .string()
    .trim()
    .transform((value) => value.replace(/[\s.-]/g, ''))
    .pipe(z.string().regex(/^\+[1-9]\d{6,14}$/, 'errors.field.phone')),
});
export type PhoneInput = z.infer<typeof phoneSchema>;

/** Sends a code to the phone (valid 5 minutes); `confirm-sms` turns SMS on with it. */
export async function enrollSms(input: PhoneInput) {
  unwrap(await api.POST('/api/v1/auth/mfa/sms/enroll', { body: input }));
}

export function useEnrollSms() {
  return useMutation({ mutationFn: enrollSms });
}
