import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

import { UserName } from '@/components/people/user-name';
import { SiteName } from '@/components/sites/site-name';
import { TableCell, TableRow } from '@/components/ui/table';
import { useFormat } from '@/lib/i18n/format';

import type { Incident } from '../lib/incident';
import { SeverityBadge, StatusChip } from './incident-badges';

/** One incident in the list; its number and title open it. */
export function IncidentRow({ incident }: { incident: Incident }) {
  const { t } = useTranslation('hse');
  const format = useFormat();
  return (
    <TableRow>
      <TableCell className="font-mono text-sm whitespace-nowrap">{incident.number}</TableCell>
      <TableCell className="max-w-80 min-w-48">
        <Link
          to="/hse/incidents/$id"
          params={{ id: incident.id }}
          className="line-clamp-2 font-medium hover:underline"
          aria-label={t('list.open', { number: incident.number })}
        >
          {incident.title}
        </Link>
        {/* Folded under the title where the columns do not fit. */}
        <span className="text-muted-foreground text-xs xl:hidden">
          {t(`types.${incident.incident_type}`)}
        </span>
      </TableCell>
      <TableCell>
        <SeverityBadge severity={incident.severity} />
      </TableCell>
      <TableCell className="hidden xl:table-cell">{t(`types.${incident.incident_type}`)}</TableCell>
      <TableCell>
        <StatusChip status={incident.status} />
      </TableCell>
      <TableCell className="hidden lg:table-cell">
        {incident.site_id ? <SiteName id={incident.site_id} /> : '—'}
      </TableCell>
      <TableCell className="whitespace-nowrap">
        <time dateTime={incident.occurred_at}>{format.dateTime(incident.occurred_at)}</time>
      </TableCell>
      <TableCell className="hidden 2xl:table-cell">
        <UserName id={incident.reported_by} />
      </TableCell>
    </TableRow>
  );
}
