import { TriangleAlert } from 'lucide-react';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Label } from '@/components/ui/label';
import { problemMessage } from '@/lib/forms/apply-problem';

import type { ImportMode, ImportResult, ResourceOut, TaskState } from '../api/types';
import { useFocusOnMount } from '../hooks/use-focus-on-mount';
import type { ImportWizard } from '../hooks/use-import-wizard';
import { blocked, rowsToImport, shownFields } from '../lib/preview';
import { isSettled } from '../lib/tasks';
import { Counts } from './counts';
import { MappingEditor } from './mapping-editor';
import { PreviewTable } from './preview-table';
import { ProblemList } from './problem-list';
import { TaskProgressBar } from './task-progress';

/** Where the preview asked for last stands: on its way, failed (and why), or read. */
type PreviewState =
  | { kind: 'running'; task?: TaskState }
  | { kind: 'failed'; reason: string | null }
  | { kind: 'read' };

function previewState(wizard: ImportWizard): PreviewState {
  const { previewStart, previewId, previewTask } = wizard;
  if (previewStart.isPending) return { kind: 'running' };
  if (previewStart.isError) return { kind: 'failed', reason: problemMessage(previewStart.error) };
  if (!previewId) return { kind: 'read' };
  if (previewTask.isError) return { kind: 'failed', reason: problemMessage(previewTask.error) };
  const task = previewTask.data;
  if (!task || !isSettled(task)) return { kind: 'running', task };
  if (task.status !== 'done') return { kind: 'failed', reason: task.error ?? null };
  return { kind: 'read' };
}

/** Create only, or create or update by the resource's key; and all or nothing, or valid rows only. */
function ImportOptions({
  resource,
  mode,
  onModeChange,
  validOnly,
  onValidOnlyChange,
}: {
  resource: ResourceOut;
  mode: ImportMode;
  onModeChange: (mode: ImportMode) => void;
  validOnly: boolean;
  onValidOnlyChange: (validOnly: boolean) => void;
}) {
  const { t } = useTranslation('importExport');
  const id = useId();
  const labels = new Map(resource.fields.map((field) => [field.name, field.label]));
  const key = resource.key.map((name) => labels.get(name) ?? name).join(', ');
  const modes: { value: ImportMode; label: string; hint: string }[] = [
    { value: 'create', label: t('preview.options.create'), hint: t('preview.options.create_hint') },
    {
      value: 'upsert',
      label: t('preview.options.upsert'),
      hint: t('preview.options.upsert_hint', { key }),
    },
  ];
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-semibold">{t('preview.options.mode')}</legend>
        {modes.map((option) => (
          <label key={option.value} className="flex items-start gap-2 text-sm">
            <input
              type="radio"
              name={`${id}-mode`}
              value={option.value}
              className="accent-primary mt-1"
              checked={mode === option.value}
              onChange={() => onModeChange(option.value)}
              aria-describedby={`${id}-${option.value}-hint`}
            />
            <span className="grid gap-0.5">
              <span className="font-medium">{option.label}</span>
              <span id={`${id}-${option.value}-hint`} className="text-muted-foreground text-xs">
                {option.hint}
              </span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="grid content-start gap-2">
        <p className="text-sm font-semibold">{t('preview.options.title')}</p>
        <div className="flex items-start gap-2">
          <Checkbox
            id={`${id}-valid-only`}
            className="mt-0.5"
            checked={validOnly}
            onCheckedChange={(checked) => onValidOnlyChange(checked === true)}
            aria-describedby={`${id}-valid-only-hint`}
          />
          <div className="grid gap-1">
            <Label htmlFor={`${id}-valid-only`}>{t('preview.options.valid_only')}</Label>
            <p id={`${id}-valid-only-hint`} className="text-muted-foreground text-xs">
              {t('preview.options.valid_only_hint')}
            </p>
          </div>
        </div>
      </div>
    </div>
  );
}

/** What the preview read: mapping, missing fields, totals, first rows and problems. */
function PreviewResult({
  result,
  resource,
  wizard,
}: {
  result: ImportResult;
  resource: ResourceOut;
  wizard: ImportWizard;
}) {
  const { t } = useTranslation('importExport');
  const labels = new Map(resource.fields.map((field) => [field.name, field.label]));
  const missing = result.missing.map((name) => labels.get(name) ?? name);
  return (
    <>
      <MappingEditor
        columns={result.columns}
        mapping={wizard.mapping ?? result.mapping}
        fields={resource.fields}
        missing={result.missing}
        onChange={wizard.changeMapping}
      />
      {missing.length > 0 ? (
        <Alert variant="destructive">
          <TriangleAlert aria-hidden />
          <p>{t('preview.missing', { count: missing.length, fields: missing.join(', ') })}</p>
        </Alert>
      ) : (
        <>
          <Counts
            label={t('preview.totals.label')}
            counts={[
              { label: t('preview.totals.total'), value: result.total },
              { label: t('preview.totals.valid'), value: result.valid, tone: 'good' },
              { label: t('preview.totals.rejected'), value: result.rejected, tone: 'bad' },
            ]}
          />
          <PreviewTable rows={result.rows} fields={shownFields(result, resource.fields)} />
          <ProblemList problems={result.problems} fields={resource.fields} />
        </>
      )}
    </>
  );
}

/**
 * Step 2: the preview task's progress, then what it read, the mapping to change (each
 * change reads the file again), the options, and the import button — blocked while a
 * required field has no column, or rows have errors and the import is all or nothing.
 */
export function PreviewStep({
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
  const id = useId();
  const { shown, file } = wizard;
  const state = previewState(wizard);
  const result = shown?.result ?? null;
  const stop = result ? blocked(result, wizard.validOnly) : null;
  const count = result ? rowsToImport(result, wizard.validOnly) : 0;

  return (
    <Card>
      <CardHeader className="flex-row flex-wrap items-start justify-between gap-3">
        <div className="grid gap-1.5">
          <CardTitle ref={heading} tabIndex={-1} className="text-base focus:outline-none">
            {t('preview.title')}
          </CardTitle>
          {file ? (
            <CardDescription className="break-all">
              {t('preview.file', { name: file.name })}
            </CardDescription>
          ) : null}
        </div>
        <Button variant="outline" size="sm" onClick={wizard.restart}>
          {t('preview.another_file')}
        </Button>
      </CardHeader>
      <CardContent className="grid gap-6">
        {state.kind === 'running' ? (
          <TaskProgressBar
            progress={state.task?.progress}
            label={t('preview.progress_label')}
            words={(progress) => t('preview.progress', progress)}
            status={
              result
                ? t('preview.updating')
                : !state.task
                  ? t('preview.starting')
                  : state.task.status === 'queued'
                    ? t('preview.queued')
                    : t('preview.reading')
            }
          />
        ) : null}
        {state.kind === 'failed' ? (
          <Alert variant="destructive">
            <TriangleAlert aria-hidden />
            <div className="grid gap-1">
              <p className="font-medium">{t('preview.failed')}</p>
              <p>{state.reason || t('preview.failed_unknown')}</p>
            </div>
          </Alert>
        ) : null}
        {result ? (
          <>
            <PreviewResult result={result} resource={resource} wizard={wizard} />
            <ImportOptions
              resource={resource}
              mode={wizard.mode}
              onModeChange={wizard.setMode}
              validOnly={wizard.validOnly}
              onValidOnlyChange={wizard.setValidOnly}
            />
            {wizard.commitStart.isError ? (
              <Alert variant="destructive">
                <TriangleAlert aria-hidden />
                <span>{problemMessage(wizard.commitStart.error)}</span>
              </Alert>
            ) : null}
            <div className="flex flex-wrap items-center justify-end gap-3 border-t pt-4">
              {stop ? (
                <p id={`${id}-blocked`} className="text-muted-foreground mr-auto text-sm">
                  {t(`preview.blocked.${stop}`)}
                </p>
              ) : null}
              <Button
                pending={wizard.commitStart.isPending}
                disabled={stop !== null || state.kind === 'running'}
                aria-describedby={stop ? `${id}-blocked` : undefined}
                onClick={wizard.commit}
              >
                {t('preview.commit', { count })}
              </Button>
            </div>
          </>
        ) : null}
      </CardContent>
    </Card>
  );
}
