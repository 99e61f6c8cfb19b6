import { useQuery } from '@tanstack/react-query';

import { api } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';

export type Variant = 'original' | 'thumbnail';

/**
 * A short-lived signed link to an attachment's bytes, usable without the bearer token
 * (`<img src>`, a new tab). Its same-origin `path` is used, so it works behind the
 * dev server's proxy as well as on the deployment's address.
 */
export async function attachmentLink(id: string, variant: Variant) {
  const link = unwrap(
    await api.POST('/api/v1/attachments/{id}/link', {
      params: { path: { id }, query: { variant } },
    }),
  );
  return link.path;
}

/** A thumbnail's signed link, renewed before it expires (links last minutes). */
export function useThumbnailLink(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['files', 'link', id, 'thumbnail'],
    queryFn: () => attachmentLink(id, 'thumbnail'),
    enabled,
    staleTime: 4 * 60_000,
    refetchInterval: 4 * 60_000,
    refetchOnWindowFocus: false,
  });
}
