import { TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { problemMessage } from '@/lib/forms/apply-problem';

import type { ResourceOut } from '../api/types';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import type { ImportWizard } from '../hooks/use-import-wizard';
import { TaskProgressBar } from './task-progress';

/**
 * Step 3: the commit task's rows done out of the total, and a Cancel button (nothing is
 * written then); a failure says why and leads back to the preview.
 */
export function CommitStep({
  resource,
  wizard,
  autoFocus,
}: {
  resource: ResourceOut;
  wizard: ImportWizard;
  autoFocus: boolean;
}) {
  const { t } = useTranslation('importExport');
  const heading = useFocusOnMount<HTMLHeadingElement>(autoFocus);
  const { t: tCommon } = useTranslation();
  const task = wizard.commitTask.data;
  const failed = task?.status === 'failed';
  return (
    <Card>
      <CardHeader>
        <CardTitle ref={heading} tabIndex={-1} className="text-base focus:outline-none">
          {t('commit.title')}
        </CardTitle>
        <CardDescription className="break-words">
          {wizard.file
            ? t('commit.what', { resource: resource.label, name: wizard.file.name })
            : null}{' '}
          {failed ? null : t('commit.continues')}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {failed ? (
          <Alert variant="destructive">
            <TriangleAlert aria-hidden />
            <div className="grid gap-1">
              <p className="font-medium">{t('commit.failed')}</p>
              <p>{task.error || t('preview.failed_unknown')}</p>
            </div>
          </Alert>
        ) : wizard.commitTask.isError ? (
          <Alert variant="destructive">
            <TriangleAlert aria-hidden />
            <span>{problemMessage(wizard.commitTask.error)}</span>
          </Alert>
        ) : (
          <TaskProgressBar
            progress={task?.progress}
            label={t('commit.progress_label')}
            words={(progress) => t('commit.progress', progress)}
            status={
              wizard.cancelling
                ? t('commit.cancelling')
                : task?.status === 'running'
                  ? t('commit.running')
                  : t('commit.queued')
            }
          />
        )}
        {wizard.cancelError ? (
          <Alert variant="destructive">
            <TriangleAlert aria-hidden />
            <span>{problemMessage(wizard.cancelError)}</span>
          </Alert>
        ) : null}
        <div className="flex flex-wrap items-center justify-end gap-3 border-t pt-4">
          {failed ? (
            <Button onClick={wizard.backToPreview}>{t('commit.back')}</Button>
          ) : wizard.commitTask.isError ? (
            <Button variant="outline" onClick={() => void wizard.commitTask.refetch()}>
              {tCommon('common.retry')}
            </Button>
          ) : (
            <>
              <p className="text-muted-foreground mr-auto text-sm">{t('commit.cancel_hint')}</p>
              <Button
                variant="outline"
                className="text-destructive hover:text-destructive"
                pending={wizard.cancelling}
                onClick={wizard.cancel}
              >
                {t('commit.cancel')}
              </Button>
            </>
          )}
        </div>
      </CardContent>
    </Card>
  );
}
