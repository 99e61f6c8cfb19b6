import { useTranslation } from 'react-i18next';

import { Badge } from '@/components/ui/badge';
import type { Schemas } from '@/lib/api/client';
import { useFormat } from '@/lib/i18n/format';

type Attempt = Schemas['AttemptOut'];

/** Each try at delivering a message: when, through what, how long, and what came back. */
export function AttemptsLog({ attempts }: { attempts: readonly Attempt[] | undefined }) {
  const { t } = useTranslation('admin');
  const format = useFormat();
  if (!attempts) return <p className="text-muted-foreground text-sm">{t('queue.loading_tries')}</p>;
  if (attempts.length === 0) {
    return <p className="text-muted-foreground text-sm">{t('queue.no_tries')}</p>;
  }
  return (
    <ol className="grid gap-1.5 text-xs">
      {attempts.map((attempt) => (
        <li key={attempt.attempt} className="flex flex-wrap items-center gap-2">
          <span className="font-medium">#{attempt.attempt}</span>
          <Badge variant={attempt.ok ? 'success' : 'destructive'}>
            {attempt.ok ? t('queue.try_ok') : t('queue.try_failed')}
          </Badge>
          <span>{format.dateTime(attempt.started_at)}</span>
          <span className="text-muted-foreground">
            {attempt.provider} · {format.number(attempt.duration_ms)} ms
            {attempt.response_status ? ` · HTTP ${attempt.response_status}` : ''}
          </span>
          {attempt.error ? (
            <span className="text-destructive break-all">{attempt.error}</span>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
