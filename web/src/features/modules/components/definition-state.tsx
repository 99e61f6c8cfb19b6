import { useTranslation } from 'react-i18next';

import { ErrorState } from '@/components/data/list-states';
import { PageBody } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';

import type { useRecordType } from '../hooks/use-record-type';

/** While a record type's definition loads, or what kept it from loading. */
export function DefinitionState({ definition }: { definition: ReturnType<typeof useRecordType> }) {
  const { t } = useTranslation();
  if (definition.error) {
    return (
      <PageBody>
        <Card>
          <ErrorState error={definition.error} onRetry={() => void definition.refetch()} />
        </Card>
      </PageBody>
    );
  }
  return (
    <PageBody>
      <div className="grid gap-6" aria-busy>
        <span className="sr-only" role="status">
          {t('common.loading')}
        </span>
        <Skeleton className="h-8 w-64" />
        <Skeleton className="h-24 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    </PageBody>
  );
}
