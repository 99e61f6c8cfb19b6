import { useTranslation } from 'react-i18next';

import { cn } from '@/lib/utils';

type Side = Record<string, unknown>;

function sideOf(changes: unknown, key: 'before' | 'after'): Side {
  if (typeof changes !== 'object' || changes === null) return {};
  const side = (changes as Record<string, unknown>)[key];
  return typeof side === 'object' && side !== null ? (side as Side) : {};
}

function show(value: unknown) {
  if (value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** An audit entry's `{before, after}`: one line per field, changed values marked. */
export function ChangeDiff({ changes }: { changes: unknown }) {
  const { t } = useTranslation('admin');
  const before = sideOf(changes, 'before');
  const after = sideOf(changes, 'after');
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  if (fields.length === 0) {
    return <p className="text-muted-foreground text-sm">{t('audit.no_changes')}</p>;
  }
  return (
    <table className="w-full table-fixed text-xs">
      <thead>
        <tr className="text-muted-foreground text-left">
          <th className="w-1/5 py-1 font-medium">{t('audit.field')}</th>
          <th className="py-1 font-medium">{t('audit.before')}</th>
          <th className="py-1 font-medium">{t('audit.after')}</th>
        </tr>
      </thead>
      <tbody className="font-mono">
        {fields.map((field) => {
          const changed = show(before[field]) !== show(after[field]);
          return (
            <tr key={field} className="border-t align-top">
              <td className="py-1 pr-2 break-all">{field}</td>
              <td className={cn('py-1 pr-2 break-all', changed && 'bg-red-50 text-red-900')}>
                {show(before[field])}
              </td>
              <td className={cn('py-1 break-all', changed && 'bg-emerald-50 text-emerald-900')}>
                {show(after[field])}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
