import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { HOURS_KEY, KPIS_KEY, MAX_HOURS } from '../lib/kpis';

/** Hours as typed: `18250.5` or `18250,5` (a French keyboard), zero or more. */
const hours = z
  .string()
  .trim()
  .min(1, 'errors.field.required')
  .regex(/^\d+([.,]\d+)?$/, 'hseKpi:errors.hours')
  .transform((text) => Number(text.replace(',', '.')))
  .refine((value) => value <= MAX_HOURS, 'hseKpi:errors.hours_max');

/** The API's rules for `HoursIn`. */
export const hoursSchema = z.object({
  site_id: z.string().min(1, 'hseKpi:errors.site'),
  month: z
    .string()
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'hseKpi:errors.month'),
  employee_hours: hours,
  contractor_hours: hours,
});
export type HoursInput = z.input<typeof hoursSchema>;

/** Saves a site's month (replacing it); the hours and the indicators are read again. */
export function useSaveHours() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: z.output<typeof hoursSchema>) =>
      unwrap(await api.PUT('/api/v1/hse/hours', { body })),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: HOURS_KEY }),
        queryClient.invalidateQueries({ queryKey: KPIS_KEY }),
      ]),
  });
}
