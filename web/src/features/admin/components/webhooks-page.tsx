import { Link } from '@tanstack/react-router';
import { Plus, Webhook } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { useFormat } from '@/lib/i18n/format';

import { useWebhookEndpoints } from '../api/get-webhook-endpoints';
import { LoadMore } from '@/components/data/load-more';
import { SecretDialog } from './secret-dialog';
import { WebhookEndpointDialog } from './webhook-endpoint-dialog';
import { WebhookSourcesPanel } from './webhook-sources-panel';

const COLUMNS = 4;

/** Outgoing endpoints (and their deliveries, one click away) and incoming sources. */
export function WebhooksPage() {
  const { t } = useTranslation('admin');
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <PageBody>
      <PageHeader
        title={t('webhooks.title')}
        description={t('webhooks.description')}
        actions={
          <WebhookEndpointDialog
            onCreated={setSecret}
            trigger={
              <Button>
                <Plus aria-hidden />
                {t('webhooks.create')}
              </Button>
            }
          />
        }
      />
      <SecretDialog
        secret={secret}
        title={t('webhooks.secret_title')}
        onClose={() => setSecret(null)}
      />
      <Tabs defaultValue="endpoints">
        <TabsList>
          <TabsTrigger value="endpoints">{t('webhooks.tabs.endpoints')}</TabsTrigger>
          <TabsTrigger value="sources">{t('webhooks.tabs.sources')}</TabsTrigger>
        </TabsList>
        <TabsContent value="endpoints">
          <EndpointsTable />
        </TabsContent>
        <TabsContent value="sources">
          <WebhookSourcesPanel />
        </TabsContent>
      </Tabs>
    </PageBody>
  );
}

function EndpointsTable() {
  const { t } = useTranslation('admin');
  const format = useFormat();
  const endpoints = useWebhookEndpoints();
  const rows = endpoints.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="grid gap-4">
      <div className="bg-card rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('webhooks.columns.endpoint')}</TableHead>
              <TableHead>{t('webhooks.columns.events')}</TableHead>
              <TableHead>{t('webhooks.columns.state')}</TableHead>
              <TableHead>{t('webhooks.columns.created')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {endpoints.isPending ? (
              <TableSkeleton columns={COLUMNS} />
            ) : endpoints.isError ? (
              <FullRow columns={COLUMNS}>
                <ErrorState error={endpoints.error} onRetry={() => void endpoints.refetch()} />
              </FullRow>
            ) : rows.length === 0 ? (
              <FullRow columns={COLUMNS}>
                <EmptyState
                  icon={Webhook}
                  title={t('webhooks.empty')}
                  hint={t('webhooks.empty_hint')}
                />
              </FullRow>
            ) : (
              rows.map((endpoint) => (
                <TableRow key={endpoint.id}>
                  <TableCell className="max-w-80">
                    <Link
                      to="/admin/webhooks/$id"
                      params={{ id: endpoint.id }}
                      className="block truncate font-mono text-xs font-medium hover:underline"
                    >
                      {endpoint.url}
                    </Link>
                    {endpoint.description ? (
                      <div className="text-muted-foreground text-xs">{endpoint.description}</div>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    {endpoint.event_types.length === 0 ? (
                      <span className="text-muted-foreground">{t('webhooks.all_events')}</span>
                    ) : (
                      <div className="flex flex-wrap gap-1">
                        {endpoint.event_types.map((event) => (
                          <Badge key={event} variant="outline" className="font-mono">
                            {event}
                          </Badge>
                        ))}
                      </div>
                    )}
                  </TableCell>
                  <TableCell>
                    <EndpointState endpoint={endpoint} />
                  </TableCell>
                  <TableCell>{format.date(endpoint.created_at)}</TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
      <LoadMore
        hasNextPage={endpoints.hasNextPage}
        isFetchingNextPage={endpoints.isFetchingNextPage}
        fetchNextPage={endpoints.fetchNextPage}
      />
    </div>
  );
}

export function EndpointState({
  endpoint,
}: {
  endpoint: { enabled: boolean; failing_since?: string | null; disabled_reason?: string | null };
}) {
  const { t } = useTranslation('admin');
  const format = useFormat();
  if (!endpoint.enabled) {
    return (
      <span title={endpoint.disabled_reason ?? undefined}>
        <Badge variant="destructive">{t('webhooks.disabled')}</Badge>
      </span>
    );
  }
  if (endpoint.failing_since) {
    return (
      <Badge variant="warning">
        {t('webhooks.failing_since', { date: format.dateTime(endpoint.failing_since) })}
      </Badge>
    );
  }
  return <Badge variant="success">{t('webhooks.enabled')}</Badge>;
}
