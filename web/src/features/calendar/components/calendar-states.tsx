import { CalendarX2, TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { problemMessage } from '@/lib/forms/apply-problem';

/** Over the grid while its first range loads: the shape of a month, pulsing. */
export function CalendarSkeleton() {
  const { t } = useTranslation('calendar');
  return (
    <div role="status" className="bg-card absolute inset-0 z-10 grid grid-rows-[auto_1fr] gap-2">
      <span className="sr-only">{t('loading')}</span>
      <div className="grid grid-cols-7 gap-2">
        {Array.from({ length: 7 }, (_, day) => (
          <Skeleton key={day} className="h-5" />
        ))}
      </div>
      <div className="grid grid-cols-7 grid-rows-5 gap-2">
        {Array.from({ length: 35 }, (_, cell) => (
          <Skeleton key={cell} className="min-h-16 opacity-60" />
        ))}
      </div>
    </div>
  );
}

/** The range could not be loaded: the problem in words, and a retry. */
export function CalendarError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('calendar');
  const { t: tc } = useTranslation();
  return (
    <div
      role="alert"
      className="flex flex-wrap items-center gap-3 rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900"
    >
      <TriangleAlert className="size-5 shrink-0" aria-hidden />
      <div className="grid min-w-0 flex-1 gap-0.5">
        <p className="font-medium">{t('load_failed')}</p>
        <p>{problemMessage(error)}</p>
      </div>
      <Button variant="outline" size="sm" onClick={onRetry}>
        {tc('common.retry')}
      </Button>
    </div>
  );
}

/** Nothing in the period shown; how to add something, for who may. */
export function CalendarEmpty({ canManage }: { canManage: boolean }) {
  const { t } = useTranslation('calendar');
  return (
    <div className="text-muted-foreground flex items-center justify-center gap-2 px-4 py-6 text-center text-sm">
      <CalendarX2 className="size-5 shrink-0" aria-hidden />
      <p>
        <span className="text-foreground font-medium">{t('empty.title')}</span>
        {canManage ? ` ${t('empty.hint')}` : null}
      </p>
    </div>
  );
}
