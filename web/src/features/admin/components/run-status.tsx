import { Loader2 } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Badge } from '@/components/ui/badge';
import { useFormat } from '@/lib/i18n/format';

import { formatDuration, runDurationMs, runState, type Run } from '../lib/runs';

const VARIANT = {
  running: 'warning',
  succeeded: 'success',
  failed: 'destructive',
  given_up: 'outline',
} as const;

/** Succeeded, failed, running (with a spinner), or given up by the server. */
export function RunStatusBadge({ run, now }: { run: Run; now: number }) {
  const { t } = useTranslation('scheduler');
  const state = runState(run, now);
  return (
    <Badge variant={VARIANT[state]} title={state === 'given_up' ? t('given_up_hint') : undefined}>
      {state === 'running' ? <Loader2 className="size-3 animate-spin" aria-hidden /> : null}
      {t(`status.${state}`)}
    </Badge>
  );
}

/** "Scheduled" or "Manual", as the API's `trigger` says. */
export function TriggerBadge({ trigger }: { trigger: string }) {
  const { t } = useTranslation('scheduler');
  return (
    <Badge variant="secondary">
      {trigger === 'manual'
        ? t('trigger.manual')
        : trigger === 'schedule'
          ? t('trigger.schedule')
          : trigger}
    </Badge>
  );
}

/** What a run did: the rows it touched and how long it took ("12 rows processed · 0.4 s"). */
export function useRunFacts() {
  const { t } = useTranslation('scheduler');
  const format = useFormat();
  return {
    affected: (run: Run) =>
      run.affected === null || run.affected === undefined
        ? null
        : t('affected', { count: run.affected, n: format.number(run.affected) }),
    duration: (run: Run, now: number) => {
      const ms = runDurationMs(run, now);
      return ms === null ? null : formatDuration(ms, format.locale);
    },
  };
}
