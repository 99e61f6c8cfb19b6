import { Link, useNavigate } from '@tanstack/react-router';
import { ArrowLeft, ArrowRight, Lock, Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorState } from '@/components/data/list-states';
import { ForbiddenPage } from '@/components/errors/forbidden-page';
import { NotFoundPage } from '@/components/errors/not-found-page';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { Attachments } from '@/features/files';
import type { Schemas } from '@/lib/api/client';
import { ApiProblem } from '@/lib/api/problem';
import { usePermissions } from '@/lib/auth/permissions';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useFormat } from '@/lib/i18n/format';

import type { RecordType } from '../api/get-modules';
import { type RecordDetail, useRecord } from '../api/get-records';
import { useDeleteRecord, useTransitionRecord } from '../api/save-record';
import { useRecordType } from '../hooks/use-record-type';
import { labelOf } from '../lib/labels';
import { fileFields, formFields } from '../lib/record-schema';
import { DefinitionState } from './definition-state';
import { FieldValue } from './field-value';
import { ModuleOffPage } from './module-off-page';
import { type FormMode, recordName, RecordFormDialog } from './record-form-dialog';
import { RecordHistory } from './record-history';
import { StateBadge } from './state-badge';
import { WorkflowStepper } from './workflow-stepper';

type Transition = Schemas['TransitionOut'];

/** A move the user may make now, asked first; missing fields open the form on them. */
function TransitionButton({
  module,
  recordType,
  record,
  transition,
  onNeedsFields,
}: {
  module: string;
  recordType: RecordType;
  record: RecordDetail;
  transition: Transition;
  onNeedsFields: (transition: Transition, problem: unknown) => void;
}) {
  const { t, i18n } = useTranslation('modules');
  const move = useTransitionRecord(module, recordType.code);
  const [open, setOpen] = useState(false);
  const label = labelOf(transition.label, i18n.language);
  const state =
    labelOf(
      recordType.workflow?.states.find((s) => s.code === transition.to)?.label,
      i18n.language,
    ) || transition.to;
  const title = recordName(record);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="outline" size="sm">
          <ArrowRight aria-hidden />
          {label}
        </Button>
      }
      title={t('detail.transition_title', { transition: label, title })}
      description={t('detail.transition_hint', { state })}
      confirmLabel={label}
      pending={move.isPending}
      onConfirm={() =>
        move.mutate(
          { id: record.id, transition: transition.code, revision: record.revision },
          {
            onSuccess: (saved) => {
              setOpen(false);
              toast.success(t('detail.transitioned', { title: recordName(saved), state }));
            },
            onError: (error) => {
              setOpen(false);
              if (
                error instanceof ApiProblem &&
                error.status === 422 &&
                error.problem.errors?.length
              ) {
                // Files are attached on the page; only data fields need the form.
                const files = fileFields(recordType);
                const fileErrors = files.filter((field) =>
                  error.problem.errors?.some((e) => e.field === `data.${field.code}`),
                );
                if (fileErrors.length > 0) {
                  const fields = fileErrors.map((f) => labelOf(f.label, i18n.language)).join(', ');
                  toast.info(t('detail.needs_files', { fields, state }));
                }
                if (error.problem.errors.length > fileErrors.length) {
                  toast.info(t('detail.needs_fields', { state }));
                  onNeedsFields(transition, error);
                }
              } else if (error instanceof ApiProblem && error.status === 412) {
                toast.error(t('form.stale'));
              } else {
                toast.error(problemMessage(error));
              }
            },
          },
        )
      }
    />
  );
}

function RecordView({
  module,
  recordType,
  record,
}: {
  module: string;
  recordType: RecordType;
  record: RecordDetail;
}) {
  const { t, i18n } = useTranslation('modules');
  const format = useFormat();
  const { can } = usePermissions();
  const navigate = useNavigate();
  const remove = useDeleteRecord(module, recordType.code);
  const [form, setForm] = useState<FormMode | null>(null);
  const [deleting, setDeleting] = useState(false);
  const stateDef = recordType.workflow?.states.find((s) => s.code === record.state);
  const locked = stateDef?.locked === true;
  const title = recordName(record);
  const data = record.data;
  const plural = labelOf(recordType.label_plural, i18n.language);
  const files = fileFields(recordType);

  const onDelete = () =>
    remove.mutate(record.id, {
      onSuccess: () => {
        setDeleting(false);
        toast.success(t('detail.deleted', { title }));
        void navigate({
          to: '/m/$module/$recordType',
          params: { module, recordType: recordType.code },
        });
      },
      onError: (error) => {
        setDeleting(false);
        toast.error(problemMessage(error));
      },
    });

  return (
    <PageBody>
      <Link
        to="/m/$module/$recordType"
        params={{ module, recordType: recordType.code }}
        className="text-muted-foreground hover:text-foreground inline-flex w-fit items-center gap-1 text-sm"
      >
        <ArrowLeft className="size-4" aria-hidden />
        {plural}
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            {record.title}
            {record.number ? (
              <span className="text-muted-foreground font-mono text-base font-normal">
                {record.number}
              </span>
            ) : null}
            {record.state ? <StateBadge recordType={recordType} state={record.state} /> : null}
            {locked ? (
              <Badge variant="outline" title={t('detail.locked_hint')}>
                <Lock className="size-3" aria-hidden />
                {t('detail.locked')}
              </Badge>
            ) : null}
          </span>
        }
        description={[
          t('detail.created', { date: format.dateTime(record.created_at) }),
          t('detail.updated', { date: format.dateTime(record.updated_at) }),
        ].join(' · ')}
        actions={
          <>
            {can(recordType.permissions.edit) && !locked ? (
              <Button variant="outline" onClick={() => setForm({ kind: 'edit', record })}>
                <Pencil aria-hidden />
                {t('detail.edit')}
              </Button>
            ) : null}
            {can(recordType.permissions.delete) && !locked ? (
              <ConfirmDialog
                open={deleting}
                onOpenChange={setDeleting}
                trigger={
                  <Button variant="outline" className="text-destructive">
                    <Trash2 aria-hidden />
                    {t('detail.delete')}
                  </Button>
                }
                title={t('detail.delete_title', { title })}
                description={t('detail.delete_hint')}
                confirmLabel={t('detail.delete')}
                pending={remove.isPending}
                onConfirm={onDelete}
              />
            ) : null}
          </>
        }
      />
      {form ? (
        <RecordFormDialog
          module={module}
          recordType={recordType}
          mode={form}
          open
          onOpenChange={(open) => {
            if (!open) setForm(null);
          }}
        />
      ) : null}
      {recordType.workflow && record.state ? (
        <Card aria-labelledby="record-workflow">
          <CardHeader className="pb-3">
            <CardTitle id="record-workflow">{t('detail.workflow')}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4">
            <WorkflowStepper recordType={recordType} state={record.state} />
            {record.transitions.length > 0 ? (
              <div className="flex flex-wrap gap-2" role="group" aria-label={t('detail.actions')}>
                {record.transitions.map((transition) => (
                  <TransitionButton
                    key={transition.code}
                    module={module}
                    recordType={recordType}
                    record={record}
                    transition={transition}
                    onNeedsFields={(move, problem) =>
                      setForm({ kind: 'complete', record, transition: move, problem })
                    }
                  />
                ))}
              </div>
            ) : (
              <p className="text-muted-foreground text-sm">{t('detail.no_transitions')}</p>
            )}
          </CardContent>
        </Card>
      ) : null}
      <Card aria-labelledby="record-fields">
        <CardHeader className="pb-3">
          <CardTitle id="record-fields">{t('detail.fields')}</CardTitle>
        </CardHeader>
        <CardContent>
          <dl className="grid gap-x-6 gap-y-4 sm:grid-cols-2">
            {formFields(recordType).map((field) => (
              <div
                key={field.code}
                className={field.type === 'long_text' ? 'grid gap-1 sm:col-span-2' : 'grid gap-1'}
              >
                <dt className="text-muted-foreground text-xs font-medium">
                  {labelOf(field.label, i18n.language)}
                </dt>
                <dd className="text-sm break-words">
                  <FieldValue module={module} field={field} value={data[field.code]} />
                </dd>
              </div>
            ))}
          </dl>
        </CardContent>
      </Card>
      {files.length > 0 ? (
        <Attachments
          model={`${module}.${recordType.code}`}
          recordId={record.id}
          canChange={can(recordType.permissions.edit) && !locked}
          title={t('detail.files')}
          purposeNames={Object.fromEntries(files.map((f) => [f.purpose ?? '', f.label]))}
        />
      ) : null}
      <RecordHistory module={module} recordType={recordType} id={record.id} />
    </PageBody>
  );
}

function RecordSkeleton() {
  const { t } = useTranslation();
  return (
    <PageBody>
      <div className="grid gap-6" aria-busy>
        <span className="sr-only" role="status">
          {t('common.loading')}
        </span>
        <Skeleton className="h-8 w-72" />
        <Skeleton className="h-28 w-full" />
        <Skeleton className="h-64 w-full" />
      </div>
    </PageBody>
  );
}

function RecordLoader({
  module,
  recordType,
  id,
}: {
  module: string;
  recordType: RecordType;
  id: string;
}) {
  const record = useRecord(module, recordType.code, id);
  if (record.isPending) return <RecordSkeleton />;
  if (record.isError) {
    const status = record.error instanceof ApiProblem ? record.error.status : 0;
    if (status === 404 || status === 400) return <NotFoundPage />;
    if (status === 403) return <ForbiddenPage />;
    return (
      <PageBody>
        <Card>
          <ErrorState error={record.error} onRetry={() => void record.refetch()} />
        </Card>
      </PageBody>
    );
  }
  return <RecordView module={module} recordType={recordType} record={record.data} />;
}

/**
 * A package record (`/m/$module/$recordType/$id`): its values by field, its workflow
 * with the moves allowed now, edit and delete, its files and its history.
 */
export function RecordDetailPage({
  module,
  recordType,
  id,
}: {
  module: string;
  recordType: string;
  id: string;
}) {
  const definition = useRecordType(module, recordType);
  if (definition.off) return <ModuleOffPage />;
  if (!definition.recordType) return <DefinitionState definition={definition} />;
  return <RecordLoader module={module} recordType={definition.recordType} id={id} />;
}
