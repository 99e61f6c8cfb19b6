import { Link } from '@tanstack/react-router';
import { ShieldOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState } from '@/components/data/list-states';
import { buttonVariants } from '@/components/ui/button';
import { ApiProblem } from '@/lib/api/problem';
import { usePermissions } from '@/lib/auth/permissions';

/** The HSE lists answer 404 only while the company has the module off. */
export const isHseOff = (error: unknown) => error instanceof ApiProblem && error.status === 404;

/**
 * An HSE list that failed: "HSE is not enabled for your company" (with the way to the
 * modules page for those who may turn it on) when it is off, else the error and a retry.
 */
export function HseListError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('hse');
  const { can } = usePermissions();
  if (!isHseOff(error)) return <ErrorState error={error} onRetry={onRetry} />;
  return (
    <EmptyState
      icon={ShieldOff}
      title={t('off.title')}
      hint={t('off.hint')}
      action={
        can('modules.manage.module') ? (
          <Link to="/admin/modules" className={buttonVariants({ variant: 'outline', size: 'sm' })}>
            {t('off.open_modules')}
          </Link>
        ) : null
      }
    />
  );
}
