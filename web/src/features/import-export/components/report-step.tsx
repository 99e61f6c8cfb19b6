import { Link } from '@tanstack/react-router';
import { CircleCheck, FileDown, Info, RotateCcw, TriangleAlert } from 'lucide-react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';

import { Alert } from '@/components/ui/alert';
import { Button, buttonVariants } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { problemMessage } from '@/lib/forms/apply-problem';

import { downloadFile } from '../api/download-file';
import type { ResourceOut } from '../api/types';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import type { ImportWizard } from '../hooks/use-import-wizard';
import { errorFileName, importResult } from '../lib/tasks';
import { Counts } from './counts';
import { ProblemList } from './problem-list';

/**
 * Step 4: what the import wrote (created, updated, rejected), or that it was cancelled or
 * wrote nothing; the problems, the rejected rows as a file to fix, and "fix and re-import",
 * which starts again on the same resource.
 */
export function ReportStep({
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
  const task = wizard.commitTask.data;
  const result = importResult(task);
  const cancelled = task?.status === 'cancelled' || result?.cancelled === true;
  const errorFile = result?.error_file_id ?? null;
  const save = useMutation({
    mutationFn: (id: string) => downloadFile(id, errorFileName(resource.name)),
  });
  const rejected = result?.rejected ?? 0;

  return (
    <Card>
      <CardHeader>
        <CardTitle ref={heading} tabIndex={-1} className="text-base focus:outline-none">
          {t('report.title')}
        </CardTitle>
      </CardHeader>
      <CardContent className="grid gap-5">
        {cancelled ? (
          <Alert variant="warning" role="status">
            <Info aria-hidden />
            <span>{t('report.cancelled')}</span>
          </Alert>
        ) : result && !result.committed ? (
          <Alert variant="destructive">
            <TriangleAlert aria-hidden />
            <span>{t('report.nothing', { count: rejected })}</span>
          </Alert>
        ) : (
          <p role="status" className="flex items-center gap-2 text-sm font-medium">
            <CircleCheck className="size-5 text-emerald-600" aria-hidden />
            {t('report.done')}
          </p>
        )}
        {result && !cancelled ? (
          <Counts
            label={t('report.title')}
            counts={[
              { label: t('report.created'), value: result.created, tone: 'good' },
              { label: t('report.updated'), value: result.updated, tone: 'good' },
              { label: t('report.rejected'), value: rejected, tone: 'bad' },
            ]}
          />
        ) : null}
        {errorFile && !cancelled ? (
          <div className="grid gap-1">
            <Button
              variant="link"
              className="h-auto w-fit p-0"
              pending={save.isPending}
              onClick={() => save.mutate(errorFile)}
            >
              {save.isPending ? null : <FileDown aria-hidden />}
              {t('report.error_file')}
            </Button>
            <p className="text-muted-foreground text-xs">{t('report.error_file_hint')}</p>
            {save.isError ? (
              <p className="text-destructive text-sm">{problemMessage(save.error)}</p>
            ) : null}
          </div>
        ) : null}
        {result && !cancelled ? (
          <ProblemList problems={result.problems} fields={resource.fields} />
        ) : null}
        <div className="flex flex-wrap items-center justify-end gap-3 border-t pt-4">
          <Link to="/jobs" className={buttonVariants({ variant: 'ghost', className: 'mr-auto' })}>
            {t('report.jobs')}
          </Link>
          <Button
            variant={rejected > 0 || cancelled ? 'default' : 'outline'}
            onClick={wizard.restart}
          >
            <RotateCcw aria-hidden />
            {rejected > 0 || cancelled ? t('report.fix') : t('report.another')}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
