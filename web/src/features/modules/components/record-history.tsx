import { History } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { ApiProblem } from '@/lib/api/problem';
import { useFormat } from '@/lib/i18n/format';

import type { RecordType } from '../api/get-modules';
import { type AuditEntry, useRecordHistory } from '../api/get-record-history';
import { useUserName } from '@/lib/api/users';
import { labelOf } from '../lib/labels';

type Snapshot = { state?: string | null; data?: Record<string, unknown> };

function Author({ id }: { id: string | null | undefined }) {
  const { t } = useTranslation('modules');
  const name = useUserName(id ?? null);
  return (
    <>{t('history.by', { name: id ? (name.data ?? t('history.someone')) : t('history.system') })}</>
  );
}

/** What an entry changed: the fields (by label), or the state moved from and to. */
function summary(entry: AuditEntry, recordType: RecordType, language: string) {
  const changes = (entry.changes ?? {}) as { before?: Snapshot | null; after?: Snapshot | null };
  const before = changes.before ?? {};
  const after = changes.after ?? {};
  const stateLabel = (code: string | null | undefined) =>
    labelOf(recordType.workflow?.states.find((s) => s.code === code)?.label, language) ||
    (code ?? '');
  if (entry.action === 'transition') {
    return { moved: { from: stateLabel(before.state), to: stateLabel(after.state) } };
  }
  if (entry.action !== 'update') return {};
  const keys = new Set([...Object.keys(before.data ?? {}), ...Object.keys(after.data ?? {})]);
  const fields = recordType.fields
    .filter((field) => keys.has(field.code))
    .filter(
      (field) =>
        JSON.stringify(before.data?.[field.code] ?? null) !==
        JSON.stringify(after.data?.[field.code] ?? null),
    )
    .map((field) => labelOf(field.label, language));
  return { fields };
}

/**
 * A record's audit trail: who did what, when (created, changed which fields, moved
 * from one state to another). Hidden for a user who may not read the audit log.
 */
export function RecordHistory({
  module,
  recordType,
  id,
}: {
  module: string;
  recordType: RecordType;
  id: string;
}) {
  const { t, i18n } = useTranslation('modules');
  const format = useFormat();
  const history = useRecordHistory(module, recordType.code, id);
  if (history.error instanceof ApiProblem && history.error.status === 403) return null;
  return (
    <Card aria-labelledby="record-history">
      <CardHeader>
        <CardTitle id="record-history" className="flex items-center gap-2">
          <History className="text-muted-foreground size-5" aria-hidden />
          {t('history.title')}
        </CardTitle>
      </CardHeader>
      <CardContent>
        {history.isPending ? (
          <div className="grid gap-2">
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
          </div>
        ) : history.isError || history.data.length === 0 ? (
          <p className="text-muted-foreground text-sm">{t('history.empty')}</p>
        ) : (
          <ol className="grid gap-3 border-l pl-4">
            {history.data.map((entry) => {
              const { fields, moved } = summary(entry, recordType, i18n.language);
              const known = ['create', 'update', 'transition', 'delete'].includes(entry.action);
              return (
                <li key={entry.id} className="relative grid gap-0.5 text-sm">
                  <span
                    aria-hidden
                    className="bg-primary absolute top-1.5 -left-[1.3rem] size-2 rounded-full"
                  />
                  <p>
                    <span className="font-medium">
                      {known ? t(`history.actions.${entry.action as 'create'}`) : entry.action}
                    </span>
                    {moved ? (
                      <span> · {t('history.moved', moved)}</span>
                    ) : fields && fields.length > 0 ? (
                      <span className="text-muted-foreground"> · {fields.join(', ')}</span>
                    ) : null}
                  </p>
                  <p className="text-muted-foreground text-xs">
                    <time dateTime={entry.created_at}>{format.dateTime(entry.created_at)}</time>{' '}
                    <Author id={entry.user_id} />
                  </p>
                </li>
              );
            })}
          </ol>
        )}
      </CardContent>
    </Card>
  );
}
