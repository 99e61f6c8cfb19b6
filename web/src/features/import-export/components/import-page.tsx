import { Link } from '@tanstack/react-router';
import { FileUp, ListChecks } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState } from '@/components/data/list-states';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { buttonVariants } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';

import { useResources } from '../api/get-resources';
import { useImportWizard } from '../hooks/use-import-wizard';
import { ChooseStep } from './choose-step';
import { CommitStep } from './commit-step';
import { PreviewStep } from './preview-step';
import { ReportStep } from './report-step';
import { WizardSteps } from './wizard-steps';

/**
 * The import wizard (`/imports/new?resource=users`): choose the resource and send a file,
 * check the preview (mapping, problems), import, read the report. The resource is kept in
 * the address; the rest lives while the page does (the tasks stay in `/jobs`).
 */
export function ImportPage({
  resource: requested,
  onResourceChange,
}: {
  resource?: string;
  onResourceChange: (resource: string | undefined) => void;
}) {
  const { t } = useTranslation('importExport');
  const { t: tCommon } = useTranslation();
  const resources = useResources();
  const importable = resources.data?.filter((candidate) => candidate.importable) ?? [];
  const resource = importable.find((candidate) => candidate.name === requested) ?? null;
  const wizard = useImportWizard(resource?.name ?? null);
  // A wizard past its first step keeps the resource it started with.
  const step = resource ? wizard.step : 'choose';
  // Once the wizard has moved, each new step takes the focus (not the first one shown).
  const [seen, setSeen] = useState(step);
  const [moved, setMoved] = useState(false);
  if (step !== seen) {
    setSeen(step);
    setMoved(true);
  }

  return (
    <PageBody>
      <PageHeader
        title={t('wizard.title')}
        description={t('wizard.description')}
        actions={
          <Link to="/jobs" className={buttonVariants({ variant: 'outline' })}>
            <ListChecks aria-hidden />
            {t('wizard.jobs')}
          </Link>
        }
      />
      {resources.isPending ? (
        <div className="grid gap-3" role="status">
          <span className="sr-only">{tCommon('common.loading')}</span>
          <Skeleton className="h-8 w-80" />
          <Skeleton className="h-64 w-full" />
        </div>
      ) : resources.isError ? (
        <div className="bg-card rounded-md border">
          <ErrorState error={resources.error} onRetry={() => void resources.refetch()} />
        </div>
      ) : importable.length === 0 ? (
        <div className="bg-card rounded-md border">
          <EmptyState icon={FileUp} title={t('wizard.none')} hint={t('wizard.none_hint')} />
        </div>
      ) : (
        <>
          <WizardSteps current={step} />
          {step === 'choose' || !resource ? (
            <ChooseStep
              resources={importable}
              resource={resource}
              requested={requested}
              onResourceChange={onResourceChange}
              wizard={wizard}
              autoFocus={moved}
            />
          ) : step === 'preview' ? (
            <PreviewStep resource={resource} wizard={wizard} autoFocus={moved} />
          ) : step === 'commit' ? (
            <CommitStep resource={resource} wizard={wizard} autoFocus={moved} />
          ) : (
            <ReportStep resource={resource} wizard={wizard} autoFocus={moved} />
          )}
        </>
      )}
    </PageBody>
  );
}
