import { queryOptions, useSuspenseQuery } from '@tanstack/react-query';

import { api, type Schemas } from '@/lib/api/client';
import { unwrap } from '@/lib/api/problem';
import { i18n, setLanguage } from '@/lib/i18n';
import { setUserTimeZone } from '@/lib/i18n/format';

export const meQueryOptions = () =>
  queryOptions({
    queryKey: ['auth', 'me'],
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')),
    staleTime: 5 * 60_000,
  });

/** The signed-in user and their company; loaded by the app layout before any page. */
export function useMe() {
  return useSuspenseQuery(meQueryOptions()).data;
}

type Me = Schemas['MeOut'];

/** The UI follows the profile: its language and its time zone for every date shown. */
export async function applyUserPreferences(me: Me) {
  setUserTimeZone(me.user.time_zone);
  if (me.locale !== i18n.language) await setLanguage(me.locale);
}
