import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

import { UserName } from '@/components/people/user-name';
import { SiteName } from '@/components/sites/site-name';
import { useFormat } from '@/lib/i18n/format';

import type { FieldDef } from '../api/get-modules';
import { useLinkedRecord } from '../api/get-records';
import { formatValue, isEmpty } from '../lib/format-value';

const shortId = (id: string) => `${id.slice(0, 8)}…`;

function RecordValue({ module, type, id }: { module: string; type: string; id: string }) {
  const record = useLinkedRecord(module, type, id);
  return (
    <Link
      to="/m/$module/$recordType/$id"
      params={{ module, recordType: type, id }}
      className="text-primary hover:underline"
    >
      {record.data
        ? [record.data.number, record.data.title].filter(Boolean).join(' · ')
        : shortId(id)}
    </Link>
  );
}

/**
 * A field's value as a person reads it; a link names what it points at (a person's
 * name, a site's name, a record's number and title), or shows its id when that is out
 * of reach.
 */
export function FieldValue({
  module,
  field,
  value,
}: {
  module: string;
  field: FieldDef;
  value: unknown;
}) {
  const { t, i18n } = useTranslation('modules');
  const format = useFormat();
  if (isEmpty(value)) {
    return (
      <span className="text-muted-foreground" aria-label={t('detail.empty_value')}>
        —
      </span>
    );
  }
  if (field.type === 'link' && typeof value === 'string') {
    if (field.link === 'users') return <UserName id={value} />;
    if (field.link === 'sites') return <SiteName id={value} />;
    if (field.link) return <RecordValue module={module} type={field.link} id={value} />;
  }
  const text = formatValue(
    field,
    value,
    { language: i18n.language, locale: format.locale, dateTime: format.dateTime },
    { yes: t('values.yes'), no: t('values.no') },
  );
  if (field.type === 'long_text') return <span className="whitespace-pre-line">{text}</span>;
  if (field.type === 'datetime' && typeof value === 'string') {
    return <time dateTime={value}>{text}</time>;
  }
  return <>{text}</>;
}
