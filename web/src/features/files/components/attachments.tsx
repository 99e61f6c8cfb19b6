import { Paperclip } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState } from '@/components/data/list-states';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';

import { useAttachments } from '../api/get-attachments';
import { usePurposes } from '../api/get-purposes';
import { allowances as allowancesOf, type PurposeNames, purposeLabel } from '../lib/allowances';
import { AttachmentCard } from './attachment-card';
import { UploadArea } from './upload-area';

function GridSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-4" aria-busy>
      <span className="sr-only" role="status">
        {t('common.loading')}
      </span>
      {Array.from({ length: 3 }, (_, index) => (
        <div key={index} className="grid gap-2 rounded-lg border p-0">
          <Skeleton className="aspect-[4/3] w-full rounded-b-none" />
          <div className="grid gap-2 p-3">
            <Skeleton className="h-4 w-3/4" />
            <Skeleton className="h-3 w-1/2" />
          </div>
        </div>
      ))}
    </div>
  );
}

/**
 * A record's files (any model that takes some: a person's documents, a package
 * record's attachment fields, named by `purposeNames`): previews, names, sizes,
 * captions, download; and when `canChange`, uploads (with progress) and deletion.
 */
export function Attachments({
  model,
  recordId,
  canChange,
  title,
  description,
  purposeNames,
}: {
  model: string;
  recordId: string;
  canChange: boolean;
  title?: string;
  description?: string;
  purposeNames?: PurposeNames;
}) {
  const { t, i18n } = useTranslation('files');
  const purposes = usePurposes();
  const attachments = useAttachments(model, recordId);
  const list = attachments.data ?? [];
  const allowances = purposes.data ? allowancesOf(purposes.data, model, list, purposeNames) : [];
  const headingId = `attachments-${model}-${recordId}`;

  return (
    <Card aria-labelledby={headingId}>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-x-6 gap-y-2">
        <div className="grid gap-1.5">
          <CardTitle id={headingId}>{title ?? t('documents.title')}</CardTitle>
          {description ? <CardDescription>{description}</CardDescription> : null}
        </div>
        {allowances.length > 0 && attachments.data ? (
          <ul className="flex flex-wrap gap-2">
            {allowances.map((entry) => {
              const label = purposeLabel(entry, i18n.language);
              return (
                <li key={entry.purpose}>
                  <Badge
                    variant={entry.remaining === 0 ? 'warning' : 'secondary'}
                    aria-label={t('allowance_label', { label, used: entry.used, max: entry.max })}
                  >
                    {t('allowance', { label, used: entry.used, max: entry.max })}
                  </Badge>
                </li>
              );
            })}
          </ul>
        ) : null}
      </CardHeader>
      <CardContent className="grid gap-6">
        {canChange && attachments.data && allowances.length > 0 ? (
          <UploadArea model={model} recordId={recordId} allowances={allowances} />
        ) : null}
        {attachments.isPending || purposes.isPending ? (
          <GridSkeleton />
        ) : attachments.isError || purposes.isError ? (
          <ErrorState
            error={attachments.error ?? purposes.error}
            onRetry={() => void Promise.all([attachments.refetch(), purposes.refetch()])}
          />
        ) : list.length === 0 ? (
          <EmptyState
            icon={Paperclip}
            title={t('empty')}
            hint={canChange ? t('empty_hint_change') : t('empty_hint_view')}
          />
        ) : (
          <ul
            aria-label={t('list_label')}
            className="grid grid-cols-[repeat(auto-fill,minmax(11rem,1fr))] gap-4"
          >
            {list.map((attachment) => (
              <AttachmentCard
                key={attachment.id}
                attachment={attachment}
                model={model}
                recordId={recordId}
                canChange={canChange}
              />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
