import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

import { SiteName } from '@/components/sites/site-name';
import { TableCell, TableRow } from '@/components/ui/table';
import { useFormat } from '@/lib/i18n/format';

import type { Incident } from '../lib/incident';
import { SeverityBadge, StatusChip } from './incident-badges';

/**
 * Columns shown only when the list is wide enough (its container, not the window: the
 * sidebar takes its share); below, their content folds into the incident's cell.
 */
export const MEDIUM = 'hidden @3xl:table-cell';
export const WIDE = 'hidden @min-[60rem]:table-cell';

/**
 * One incident in the list: its number (and date, on narrower lists) over its title, which
 * opens it, then its type (narrower lists) and site; its severity and status always show.
 */
export function IncidentRow({ incident }: { incident: Incident }) {
  const { t } = useTranslation('hse');
  const format = useFormat();
  const occurred = (
    <time dateTime={incident.occurred_at}>{format.dateTime(incident.occurred_at)}</time>
  );
  return (
    <TableRow>
      <TableCell className="max-w-96 min-w-36 align-top">
        <span className="text-muted-foreground flex flex-wrap gap-x-2 text-xs">
          <span className="font-mono">{incident.number}</span>
          <span className="@3xl:hidden">{occurred}</span>
        </span>
        <Link
          to="/hse/incidents/$id"
          params={{ id: incident.id }}
          className="line-clamp-2 font-medium [overflow-wrap:anywhere] hover:underline"
          aria-label={t('list.open', { number: incident.number })}
        >
          {incident.title}
        </Link>
        <span className="text-muted-foreground flex flex-wrap items-center gap-x-3 text-xs">
          <span className="@min-[60rem]:hidden">{t(`types.${incident.incident_type}`)}</span>
          {incident.site_id ? <SiteName id={incident.site_id} /> : null}
        </span>
      </TableCell>
      <TableCell className="align-top">
        <SeverityBadge severity={incident.severity} />
      </TableCell>
      <TableCell className={`${WIDE} align-top`}>{t(`types.${incident.incident_type}`)}</TableCell>
      <TableCell className="align-top">
        <StatusChip status={incident.status} className="whitespace-normal" />
      </TableCell>
      <TableCell className={`${MEDIUM} align-top whitespace-nowrap`}>{occurred}</TableCell>
    </TableRow>
  );
}
