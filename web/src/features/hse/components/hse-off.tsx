import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ShieldOff } from 'lucide-react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState } from '@/components/data/list-states';
import { StatusPage } from '@/components/errors/status-page';
import { PageBody } from '@/components/layout/page-header';
import { buttonVariants } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { type MenuItem, menuQueryOptions } from '@/features/shell';
import { ApiProblem } from '@/lib/api/problem';
import { usePermissions } from '@/lib/auth/permissions';

/** The HSE lists answer 404 only while the company has the module off. */
export const isHseOff = (error: unknown) => error instanceof ApiProblem && error.status === 404;

/** Whether the menu holds an HSE entry: the server leaves out those of modules turned off. */
export const menuHasHse = (items: MenuItem[]): boolean =>
  items.some(
    (item) => item.id === 'hse' || item.id.startsWith('hse.') || menuHasHse(item.children),
  );

/** "Open the modules", for those who may turn HSE on. */
function OpenModules({ variant }: { variant: 'default' | 'outline' }) {
  const { t } = useTranslation('hse');
  const { can } = usePermissions();
  if (!can('modules.manage.module')) return null;
  return (
    <Link to="/admin/modules" className={buttonVariants({ variant, size: 'sm' })}>
      {t('off.open_modules')}
    </Link>
  );
}

/**
 * An HSE list that failed: "HSE is turned off for your company" (with the way to the
 * modules page for those who may turn it on) when it is off, else the error and a retry.
 */
export function HseListError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation('hse');
  if (!isHseOff(error)) return <ErrorState error={error} onRetry={onRetry} />;
  return (
    <EmptyState
      icon={ShieldOff}
      title={t('off.title')}
      hint={t('off.hint')}
      action={<OpenModules variant="outline" />}
    />
  );
}

/** A whole HSE page in place of one the company cannot open while HSE is off. */
export function HseOffPage() {
  const { t } = useTranslation('hse');
  return (
    <StatusPage
      icon={ShieldOff}
      title={t('off.title')}
      description={t('off.hint')}
      action={<OpenModules variant="default" />}
    />
  );
}

/**
 * What an HSE page shows for a 404 on one record (an incident): `notFound` while the
 * company has HSE on, the "HSE is off" page when the menu, asked again now (an
 * administrator may have just turned it off), has no HSE entry.
 */
export function HseNotFound({ notFound }: { notFound: React.ReactNode }) {
  const menu = useQuery({ ...menuQueryOptions(), staleTime: 0 });
  if (menu.isFetching) {
    return (
      <PageBody>
        <Skeleton className="h-8 w-72" />
      </PageBody>
    );
  }
  // No menu to read (it failed): the record is said to be missing, as before.
  return menu.data && !menuHasHse(menu.data) ? <HseOffPage /> : notFound;
}
