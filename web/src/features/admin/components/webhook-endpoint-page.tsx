import {
  ArrowLeft,
  ChevronDown,
  ChevronRight,
  KeyRound,
  Pencil,
  Power,
  RotateCw,
  Send,
} from 'lucide-react';
import { Link } from '@tanstack/react-router';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { PageLoading } from '@/components/errors/page-loading';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useFormat } from '@/lib/i18n/format';

import { useWebhookDeliveries } from '../api/get-webhook-deliveries';
import { useWebhookDelivery } from '../api/get-webhook-delivery';
import { useWebhookEndpoint } from '../api/get-webhook-endpoint';
import type { WebhookEndpoint } from '../api/get-webhook-endpoints';
import { useReplayFailedDeliveries } from '../api/replay-failed-deliveries';
import { useReplayWebhookDelivery } from '../api/replay-webhook-delivery';
import { useRotateWebhookSecret } from '../api/rotate-webhook-secret';
import { useUpdateWebhookEndpoint } from '../api/save-webhook-endpoint';
import { AttemptsLog } from './attempts-log';
import { LoadMore } from '@/components/data/load-more';
import { StatusBadge } from './message-queue';
import { SecretDialog } from './secret-dialog';
import { WebhookEndpointDialog } from './webhook-endpoint-dialog';
import { EndpointState } from './webhooks-page';

const COLUMNS = 6;
const onError = (error: unknown) => toast.error(problemMessage(error));

/** One endpoint: enable/disable, rotate its secret, its deliveries and their replays. */
export function WebhookEndpointPage({ id }: { id: string }) {
  const { t } = useTranslation('admin');
  const endpoint = useWebhookEndpoint(id);
  const [secret, setSecret] = useState<string | null>(null);
  if (endpoint.isPending) return <PageLoading />;
  if (endpoint.isError) {
    return (
      <PageBody>
        <ErrorState error={endpoint.error} onRetry={() => void endpoint.refetch()} />
      </PageBody>
    );
  }
  return (
    <PageBody>
      <Link
        to="/admin/webhooks"
        className="text-muted-foreground flex items-center gap-1 text-sm hover:underline"
      >
        <ArrowLeft className="size-4" aria-hidden />
        {t('webhooks.back')}
      </Link>
      <PageHeader
        title={<span className="font-mono text-lg break-all">{endpoint.data.url}</span>}
        description={
          <span className="flex flex-wrap items-center gap-2">
            <EndpointState endpoint={endpoint.data} />
            {endpoint.data.description}
          </span>
        }
        actions={<EndpointActions endpoint={endpoint.data} onSecret={setSecret} />}
      />
      <SecretDialog
        secret={secret}
        title={t('webhooks.secret_title')}
        onClose={() => setSecret(null)}
      />
      <ReplayFailed endpointId={id} />
      <Deliveries endpointId={id} />
    </PageBody>
  );
}

function EndpointActions({
  endpoint,
  onSecret,
}: {
  endpoint: WebhookEndpoint;
  onSecret: (secret: string) => void;
}) {
  const { t } = useTranslation('admin');
  const update = useUpdateWebhookEndpoint(endpoint.id);
  const rotate = useRotateWebhookSecret();
  const [confirm, setConfirm] = useState(false);
  return (
    <>
      <WebhookEndpointDialog
        endpoint={endpoint}
        trigger={
          <Button variant="outline">
            <Pencil aria-hidden />
            {t('webhooks.edit')}
          </Button>
        }
      />
      <Button
        variant="outline"
        pending={update.isPending}
        onClick={() =>
          update.mutate(
            {
              url: endpoint.url,
              description: endpoint.description ?? null,
              event_types: endpoint.event_types,
              headers: endpoint.headers,
              enabled: !endpoint.enabled,
            },
            { onError },
          )
        }
      >
        <Power aria-hidden />
        {endpoint.enabled ? t('webhooks.disable') : t('webhooks.enable')}
      </Button>
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        trigger={
          <Button variant="outline">
            <KeyRound aria-hidden />
            {t('webhooks.rotate')}
          </Button>
        }
        title={t('webhooks.rotate_title')}
        description={t('webhooks.rotate_hint')}
        confirmLabel={t('webhooks.rotate')}
        pending={rotate.isPending}
        onConfirm={() =>
          rotate.mutate(endpoint.id, {
            onSuccess: (secret) => {
              setConfirm(false);
              onSecret(secret);
            },
            onError,
          })
        }
      />
    </>
  );
}

/** Sends again every failed delivery since a date. */
function ReplayFailed({ endpointId }: { endpointId: string }) {
  const { t } = useTranslation('admin');
  const replay = useReplayFailedDeliveries(endpointId);
  const [since, setSince] = useState(() =>
    new Date(Date.now() - 86_400_000).toISOString().slice(0, 16),
  );
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        replay.mutate(new Date(since).toISOString(), {
          onSuccess: (count) => toast.success(t('webhooks.replayed', { count })),
          onError,
        });
      }}
    >
      <div className="grid gap-1.5">
        <Label htmlFor="replay-since">{t('webhooks.replay_since')}</Label>
        <Input
          id="replay-since"
          type="datetime-local"
          required
          value={since}
          onChange={(event) => setSince(event.target.value)}
        />
      </div>
      <Button type="submit" variant="outline" pending={replay.isPending} disabled={!since}>
        <RotateCw aria-hidden />
        {t('webhooks.replay_failed')}
      </Button>
    </form>
  );
}

function DeliveryTries({ id }: { id: string }) {
  const { t } = useTranslation('admin');
  const delivery = useWebhookDelivery(id);
  return (
    <div className="grid gap-2">
      <AttemptsLog attempts={delivery.data?.attempts_log} />
      {delivery.data ? (
        <details>
          <summary className="cursor-pointer text-xs font-medium">{t('webhooks.payload')}</summary>
          <pre className="bg-background mt-1 max-h-64 overflow-auto rounded-md border p-2 text-xs">
            {JSON.stringify(delivery.data.payload, null, 2)}
          </pre>
        </details>
      ) : null}
    </div>
  );
}

function Deliveries({ endpointId }: { endpointId: string }) {
  const { t } = useTranslation('admin');
  const format = useFormat();
  const deliveries = useWebhookDeliveries(endpointId);
  const replay = useReplayWebhookDelivery();
  const [open, setOpen] = useState<string | null>(null);
  const rows = deliveries.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="grid gap-4">
      <h2 className="text-lg font-semibold">{t('webhooks.deliveries')}</h2>
      <div className="bg-card rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('queue.created')}</TableHead>
              <TableHead>{t('webhooks.columns.event')}</TableHead>
              <TableHead>{t('queue.status_filter')}</TableHead>
              <TableHead>{t('webhooks.columns.response')}</TableHead>
              <TableHead>{t('queue.tries')}</TableHead>
              <TableHead className="text-right">
                <span className="sr-only">{t('tokens.columns.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {deliveries.isPending ? (
              <TableSkeleton columns={COLUMNS} />
            ) : deliveries.isError ? (
              <FullRow columns={COLUMNS}>
                <ErrorState error={deliveries.error} onRetry={() => void deliveries.refetch()} />
              </FullRow>
            ) : rows.length === 0 ? (
              <FullRow columns={COLUMNS}>
                <EmptyState icon={Send} title={t('webhooks.no_deliveries')} />
              </FullRow>
            ) : (
              rows.map((delivery) => {
                const expanded = open === delivery.id;
                return (
                  <Fragment key={delivery.id}>
                    <TableRow>
                      <TableCell className="whitespace-nowrap">
                        <button
                          type="button"
                          className="flex items-center gap-1 hover:underline"
                          aria-expanded={expanded}
                          aria-label={t('queue.show_tries')}
                          onClick={() => setOpen(expanded ? null : delivery.id)}
                        >
                          {expanded ? (
                            <ChevronDown className="size-4" aria-hidden />
                          ) : (
                            <ChevronRight className="size-4" aria-hidden />
                          )}
                          {format.dateTime(delivery.created_at)}
                        </button>
                      </TableCell>
                      <TableCell className="font-mono text-xs">{delivery.event_type}</TableCell>
                      <TableCell>
                        <StatusBadge status={delivery.status} />
                      </TableCell>
                      <TableCell className="font-mono text-xs">
                        {delivery.response_status ?? '—'}
                      </TableCell>
                      <TableCell>
                        {delivery.attempts}/{delivery.max_attempts}
                      </TableCell>
                      <TableCell className="text-right">
                        <Button
                          variant="ghost"
                          size="sm"
                          disabled={replay.isPending}
                          onClick={() =>
                            replay.mutate(delivery.id, {
                              onSuccess: () => toast.success(t('webhooks.replayed', { count: 1 })),
                              onError,
                            })
                          }
                        >
                          <RotateCw aria-hidden />
                          {t('webhooks.replay')}
                        </Button>
                      </TableCell>
                    </TableRow>
                    {expanded ? (
                      <TableRow className="hover:bg-transparent">
                        <TableCell colSpan={COLUMNS} className="bg-muted/30">
                          {delivery.last_error ? (
                            <p className="text-destructive mb-2 text-xs break-all">
                              {delivery.last_error}
                            </p>
                          ) : null}
                          <DeliveryTries id={delivery.id} />
                        </TableCell>
                      </TableRow>
                    ) : null}
                  </Fragment>
                );
              })
            )}
          </TableBody>
        </Table>
      </div>
      <LoadMore
        hasNextPage={deliveries.hasNextPage}
        isFetchingNextPage={deliveries.isFetchingNextPage}
        fetchNextPage={deliveries.fetchNextPage}
      />
    </div>
  );
}
