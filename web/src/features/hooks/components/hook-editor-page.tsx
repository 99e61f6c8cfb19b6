import { Link, useNavigate } from '@tanstack/react-router';
import { ArrowLeft, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorState } from '@/components/data/list-states';
import { NotFoundPage } from '@/components/errors/not-found-page';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { ApiProblem } from '@/lib/api/problem';
import { problemMessage } from '@/lib/forms/apply-problem';

import { useDeleteHook } from '../api/delete-hook';
import { useHook } from '../api/get-hook';
import { useHookEvents } from '../api/get-hook-events';
import type { Hook } from '../api/get-hooks';
import { HookForm } from './hook-form';

function BackLink() {
  const { t } = useTranslation('hooks');
  return (
    <Link
      to="/admin/hooks"
      className="text-muted-foreground flex items-center gap-1 text-sm hover:underline"
    >
      <ArrowLeft className="size-4" aria-hidden />
      {t('back')}
    </Link>
  );
}

/** The editor's shape while its data loads. */
function EditorSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="grid gap-6" aria-busy>
      <span className="sr-only" role="status">
        {t('common.loading')}
      </span>
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-48 w-full" />
      <Skeleton className="h-32 w-full" />
      <Skeleton className="h-64 w-full" />
    </div>
  );
}

function DeleteHookButton({ hook }: { hook: Hook }) {
  const { t } = useTranslation('hooks');
  const navigate = useNavigate();
  const remove = useDeleteHook();
  const [open, setOpen] = useState(false);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="outline">
          <Trash2 aria-hidden />
          {t('editor.delete')}
        </Button>
      }
      title={t('editor.delete_title', { name: hook.name })}
      description={t('editor.delete_hint')}
      confirmLabel={t('editor.delete')}
      pending={remove.isPending}
      onConfirm={() =>
        remove.mutate(hook.id, {
          onSuccess: () => {
            setOpen(false);
            toast.success(t('editor.deleted'));
            void navigate({ to: '/admin/hooks' });
          },
          onError: (error) => toast.error(problemMessage(error)),
        })
      }
    />
  );
}

/** A new hook (`id` absent) or an existing one, with its dry run and runs. */
export function HookEditorPage({ id }: { id?: string }) {
  const { t } = useTranslation('hooks');
  const events = useHookEvents();
  const hook = useHook(id);
  const loading = events.isPending || (id !== undefined && hook.isPending);
  const failed = events.isError
    ? events.error
    : id !== undefined && hook.isError
      ? hook.error
      : null;
  if (id && failed instanceof ApiProblem && failed.status === 404) return <NotFoundPage />;
  const saved = id ? hook.data : undefined;
  return (
    <PageBody>
      <BackLink />
      {loading ? (
        <EditorSkeleton />
      ) : failed ? (
        <ErrorState
          error={failed}
          onRetry={() => void Promise.all([events.refetch(), id ? hook.refetch() : null])}
        />
      ) : (
        <>
          <PageHeader
            title={
              <span className="flex flex-wrap items-center gap-2 break-words">
                {saved ? saved.name : t('editor.new_title')}
                {saved ? (
                  <Badge variant={saved.is_active ? 'success' : 'secondary'}>
                    {saved.is_active ? t('status.active') : t('status.inactive')}
                  </Badge>
                ) : null}
              </span>
            }
            description={saved ? t('editor.edit_hint') : t('editor.new_hint')}
            actions={saved ? <DeleteHookButton hook={saved} /> : null}
          />
          <HookForm key={saved?.id ?? 'new'} hook={saved} events={events.data ?? []} />
        </>
      )}
    </PageBody>
  );
}
