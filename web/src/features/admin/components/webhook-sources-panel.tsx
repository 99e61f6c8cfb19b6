import { Copy, Inbox, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { applyProblem, problemMessage } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';
import { useFormat } from '@/lib/i18n/format';

import { useCreateWebhookSource, webhookSourceSchema } from '../api/create-webhook-source';
import { useDeleteWebhookSource } from '../api/delete-webhook-source';
import { useWebhookSources, type WebhookSource } from '../api/get-webhook-sources';
import { SecretDialog } from './secret-dialog';

const COLUMNS = 3;

/** Incoming sources: the URL an outside system posts to, and the secret it signs with. */
export function WebhookSourcesPanel() {
  const { t } = useTranslation('admin');
  const sources = useWebhookSources();
  const create = useCreateWebhookSource();
  const [secret, setSecret] = useState<string | null>(null);
  const form = useZodForm(webhookSourceSchema, { defaultValues: { name: '' } });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (input) => {
    try {
      const created = await create.mutateAsync(input);
      form.reset();
      setSecret(created.secret);
    } catch (error) {
      applyProblem(error, form.setError, ['name']);
    }
  });

  return (
    <div className="grid gap-4">
      <SecretDialog
        secret={secret}
        title={t('webhooks.source_secret_title')}
        onClose={() => setSecret(null)}
      />
      <form className="flex flex-wrap items-end gap-2" onSubmit={onSubmit} noValidate>
        <FormField
          id="source-name"
          label={t('webhooks.fields.source_name')}
          error={errors.name}
          className="min-w-64"
        >
          {(control) => <Input {...control} {...form.register('name')} />}
        </FormField>
        <Button type="submit" pending={isSubmitting}>
          {t('webhooks.create_source')}
        </Button>
      </form>
      <div className="bg-card rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('webhooks.columns.source')}</TableHead>
              <TableHead>{t('webhooks.columns.created')}</TableHead>
              <TableHead className="text-right">
                <span className="sr-only">{t('tokens.columns.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {sources.isPending ? (
              <TableSkeleton columns={COLUMNS} />
            ) : sources.isError ? (
              <FullRow columns={COLUMNS}>
                <ErrorState error={sources.error} onRetry={() => void sources.refetch()} />
              </FullRow>
            ) : sources.data.length === 0 ? (
              <FullRow columns={COLUMNS}>
                <EmptyState
                  icon={Inbox}
                  title={t('webhooks.no_sources')}
                  hint={t('webhooks.no_sources_hint')}
                />
              </FullRow>
            ) : (
              sources.data.map((source) => <SourceRow key={source.id} source={source} />)
            )}
          </TableBody>
        </Table>
      </div>
    </div>
  );
}

function SourceRow({ source }: { source: WebhookSource }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const remove = useDeleteWebhookSource();
  const [confirm, setConfirm] = useState(false);
  const url = new URL(source.url, window.location.origin).href;
  return (
    <TableRow>
      <TableCell>
        <span className="font-medium">{source.name}</span>
        <div className="flex items-center gap-1">
          <code className="text-muted-foreground truncate text-xs">{url}</code>
          <Button
            variant="ghost"
            size="icon"
            className="size-7"
            aria-label={tc('common.copy')}
            onClick={() =>
              void navigator.clipboard.writeText(url).then(() => toast.success(tc('common.copied')))
            }
          >
            <Copy aria-hidden />
          </Button>
        </div>
      </TableCell>
      <TableCell>{format.date(source.created_at)}</TableCell>
      <TableCell className="text-right">
        <ConfirmDialog
          open={confirm}
          onOpenChange={setConfirm}
          trigger={
            <Button variant="ghost" size="sm" className="text-destructive">
              <Trash2 aria-hidden />
              {t('webhooks.delete_source')}
            </Button>
          }
          title={t('webhooks.delete_source_title', { name: source.name })}
          description={t('webhooks.delete_source_hint')}
          confirmLabel={t('webhooks.delete_source')}
          pending={remove.isPending}
          onConfirm={() =>
            remove.mutate(source.id, {
              onSuccess: () => setConfirm(false),
              onError: (error) => toast.error(problemMessage(error)),
            })
          }
        />
      </TableCell>
    </TableRow>
  );
}
