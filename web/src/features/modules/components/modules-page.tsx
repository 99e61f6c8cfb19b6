import { Blocks, Package } from 'lucide-react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState } from '@/components/data/list-states';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Card } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { usePermissions } from '@/lib/auth/permissions';

import { type Module, useModules } from '../api/get-modules';
import { InstallPackagePanel } from './install-package-panel';
import { ModuleCard } from './module-card';
import { ModuleExports } from './module-exports';

function ModulesSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="grid gap-4 lg:grid-cols-2" aria-busy>
      <span className="sr-only" role="status">
        {t('common.loading')}
      </span>
      <Skeleton className="h-56 w-full" />
      <Skeleton className="h-56 w-full" />
    </div>
  );
}

function ModuleSection({
  title,
  modules,
  empty,
}: {
  title: string;
  modules: Module[];
  empty?: React.ReactNode;
}) {
  const id = `modules-${title.replace(/\W+/g, '-')}`;
  return (
    <section aria-labelledby={id} className="grid gap-3">
      <h2 id={id} className="text-lg font-semibold">
        {title}
      </h2>
      {modules.length === 0 ? (
        <Card>{empty}</Card>
      ) : (
        <div className="grid gap-4 lg:grid-cols-2">
          {modules.map((module) => (
            <ModuleCard key={module.code} module={module} />
          ))}
        </div>
      )}
    </section>
  );
}

/**
 * The module manager: every module the company may turn on, built in or installed from
 * a package, with its switch; platform operators also install, upgrade and uninstall
 * packages here, and download the exports uninstalling made.
 */
export function ModulesPage() {
  const { t } = useTranslation('modules');
  const { can } = usePermissions();
  const modules = useModules();
  const canInstall = can('modules.install.package', 'all');
  const list = modules.data ?? [];
  const builtIn = list.filter((module) => module.kind === 'built_in');
  const packages = list.filter((module) => module.kind === 'package');

  return (
    <PageBody>
      <PageHeader title={t('title')} description={t('description')} />
      {canInstall ? <InstallPackagePanel /> : null}
      {modules.isPending ? (
        <ModulesSkeleton />
      ) : modules.isError ? (
        <Card>
          <ErrorState error={modules.error} onRetry={() => void modules.refetch()} />
        </Card>
      ) : list.length === 0 && !canInstall ? (
        <Card>
          <EmptyState icon={Blocks} title={t('empty.title')} hint={t('empty.hint')} />
        </Card>
      ) : (
        <>
          {builtIn.length > 0 ? <ModuleSection title={t('built_in')} modules={builtIn} /> : null}
          <ModuleSection
            title={t('packages')}
            modules={packages}
            empty={
              <EmptyState
                icon={Package}
                title={t('empty.packages')}
                hint={canInstall ? t('empty.packages_hint_install') : t('empty.packages_hint')}
              />
            }
          />
        </>
      )}
      {canInstall ? <ModuleExports /> : null}
    </PageBody>
  );
}
