import { useTranslation } from 'react-i18next';

import { useSite } from '@/lib/api/sites';

import { SiteKindIcon } from './site-kind';

/** A site as a person reads it, by its id: kind icon and name, or a short id when out of reach. */
export function SiteName({ id }: { id: string }) {
  const { t } = useTranslation('sites');
  const site = useSite(id);
  if (!site.data) {
    return (
      <span className="font-mono text-xs" title={site.isError ? t('picker.unknown') : id}>
        {id.slice(0, 8)}…
      </span>
    );
  }
  return (
    <span className="inline-flex items-center gap-1.5" title={site.data.location ?? undefined}>
      <SiteKindIcon kind={site.data.kind} />
      {site.data.name}
    </span>
  );
}
