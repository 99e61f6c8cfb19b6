import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

import { companiesQueryOptions } from './get-companies';

/** The API's rules for `CompanyIn` / `CompanyPatch`. */
export const companySchema = z.object({
  name: z.string().trim().min(1, 'errors.field.required').max(200, 'errors.field.too_long'),
  slug: z
    .string()
    .trim()
    .max(63, 'errors.field.too_long')
    .regex(/^([a-z0-9-]+)?$/, 'admin:errors.slug'),
  locale: z.enum(['fr', 'en']),
  time_zone: z.string().min(1, 'errors.field.required'),
  is_active: z.boolean(),
});
export type CompanyInput = z.infer<typeof companySchema>;

export async function createCompany(body: Schemas['CompanyIn']) {
  return unwrap(await api.POST('/api/v1/companies', { body }));
}

export async function updateCompany(id: string, body: Schemas['CompanyPatch']) {
  return unwrap(await api.PATCH('/api/v1/companies/{id}', { params: { path: { id } }, body }));
}

/** Creates a company, or (with `id`) edits one; an empty slug is derived from the name. */
export function useSaveCompany(id: string | undefined) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<CompanyInput>) => {
      const body = { ...input, slug: input.slug || undefined };
      return id ? updateCompany(id, body) : createCompany({ ...body, name: input.name ?? '' });
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: companiesQueryOptions().queryKey }),
  });
}
