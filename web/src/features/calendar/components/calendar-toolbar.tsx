import { ChevronLeft, ChevronRight, Loader2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { Tabs, TabsList, TabsTrigger } from '@/components/ui/tabs';

import { CALENDAR_VIEWS, type CalendarView } from '../lib/calendar-search';

/** Previous / today / next, the period shown, and the view (month, week, day, agenda). */
export function CalendarToolbar({
  title,
  view,
  refreshing,
  onStep,
  onToday,
  onView,
}: {
  title: string;
  view: CalendarView;
  refreshing: boolean;
  onStep: (step: -1 | 1) => void;
  onToday: () => void;
  onView: (view: CalendarView) => void;
}) {
  const { t } = useTranslation('calendar');
  return (
    <div
      role="toolbar"
      aria-label={t('toolbar.label')}
      className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2"
    >
      <div className="flex min-w-0 flex-wrap items-center gap-2">
        <div className="flex items-center gap-1">
          <Button
            variant="outline"
            size="icon"
            aria-label={t('toolbar.previous')}
            onClick={() => onStep(-1)}
          >
            <ChevronLeft aria-hidden />
          </Button>
          <Button variant="outline" onClick={onToday}>
            {t('toolbar.today')}
          </Button>
          <Button
            variant="outline"
            size="icon"
            aria-label={t('toolbar.next')}
            onClick={() => onStep(1)}
          >
            <ChevronRight aria-hidden />
          </Button>
        </div>
        <h2 className="truncate text-lg font-semibold first-letter:uppercase" aria-live="polite">
          {title}
        </h2>
        {refreshing ? (
          <Loader2
            className="text-muted-foreground size-4 animate-spin"
            role="status"
            aria-label={t('toolbar.refreshing')}
            aria-hidden={false}
          />
        ) : null}
      </div>
      <Tabs
        className="w-full sm:w-auto"
        value={view}
        onValueChange={(next) => onView(next as CalendarView)}
      >
        <TabsList aria-label={t('toolbar.views')} className="w-full sm:w-auto">
          {CALENDAR_VIEWS.map((option) => (
            <TabsTrigger key={option} value={option} className="flex-1 px-2 sm:flex-none sm:px-3">
              {t(`views.${option}`)}
            </TabsTrigger>
          ))}
        </TabsList>
      </Tabs>
    </div>
  );
}
