import { z } from 'zod';

/** The API's policy (backend `auth/password.rs`): 12 to 128 characters, not common, not the email. */
export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

export const policyPassword = z
  .string()
  .min(PASSWORD_MIN, 'errors.field.too_short')
  .max(PASSWORD_MAX, 'errors.field.too_long');

/** A new password typed twice. */
export const newPasswordSchema = z
  .object({ password: policyPassword, confirm: z.string() })
  .refine((value) => value.confirm === value.password, {
    path: ['confirm'],
    message: 'errors.field.password_mismatch',
  });
export type NewPasswordInput = z.infer<typeof newPasswordSchema>;

export type PasswordCheck = { rule: 'length' | 'email' | 'common'; ok: boolean | null };

/**
 * The rules as the user types, for the checklist under the field. `common` is only
 * known to the server (`null`: checked when you submit).
 */
export function passwordChecks(password: string, email?: string): PasswordCheck[] {
  const length = [...password].length;
  const checks: PasswordCheck[] = [
    { rule: 'length', ok: password ? length >= PASSWORD_MIN && length <= PASSWORD_MAX : false },
  ];
  if (email) {
    const lower = password.toLowerCase();
    const address = email.toLowerCase();
    const local = address.split('@')[0] ?? '';
    const contains = lower.includes(address) || (local.length >= 3 && lower.includes(local));
    checks.push({ rule: 'email', ok: password ? !contains : false });
  }
  checks.push({ rule: 'common', ok: null });
  return checks;
}
