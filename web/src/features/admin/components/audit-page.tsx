import { ChevronDown, ChevronRight, ScrollText, ShieldAlert, ShieldCheck } from 'lucide-react';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Button } from '@/components/ui/button';
import { Input, NativeSelect } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { usePermissions } from '@/lib/auth/permissions';
import { useFormat } from '@/lib/i18n/format';

import { useAudit, type AuditFilters } from '../api/get-audit';
import { useUsers } from '../api/get-users';
import { useVerifyAuditChain } from '../api/verify-audit-chain';
import { ChangeDiff } from './change-diff';
import { LoadMore } from '@/components/data/load-more';

const COLUMNS = 5;
/** The models the platform audits (the API's `model` values). */
const MODELS = [
  'auth',
  'user',
  'user_permission',
  'role',
  'group',
  'company',
  'api_token',
  'webhook_endpoint',
];

/** The actions most worth looking for (the API's `action` values). */
const ACTIONS = [
  'create',
  'update',
  'delete',
  'invite',
  'assign_role',
  'unassign_role',
  'activate',
  'deactivate',
  'revoke',
  'rotate',
  'resend',
  'replay',
  'login_succeeded',
  'login_failed',
  'logout',
  'password_changed',
  'password_reset',
];

/** `yyyy-mm-dd` (local day) → the RFC 3339 instant it starts at. */
const startOf = (day: string) => (day ? new Date(`${day}T00:00:00`).toISOString() : undefined);

/** Who changed what and when, with each change's before and after. */
export function AuditPage() {
  const { t } = useTranslation('admin');
  const format = useFormat();
  const { can } = usePermissions();
  const [userId, setUserId] = useState('');
  const [model, setModel] = useState('');
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [open, setOpen] = useState<string | null>(null);
  // `to` is exclusive: the day after the one chosen.
  const toNext = to ? new Date(new Date(`${to}T00:00:00`).getTime() + 86_400_000) : undefined;
  const filters: AuditFilters = {
    ...(userId ? { user_id: userId } : {}),
    ...(model ? { model } : {}),
    ...(action ? { action } : {}),
    ...(from ? { from: startOf(from) } : {}),
    ...(toNext ? { to: toNext.toISOString() } : {}),
  };
  const audit = useAudit(filters);
  const users = useUsers({});
  const people = users.data?.pages.flatMap((page) => page.items) ?? [];
  const nameOf = (id: string | null | undefined) =>
    id ? (people.find((user) => user.id === id)?.full_name ?? id.slice(0, 8)) : t('audit.system');
  const rows = audit.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.keys(filters).length > 0;
  const chain = useVerifyAuditChain();
  // Checking the whole company's chain takes company scope (own readers see only their actions).
  const mayVerify = can('audit.view.log', 'company');

  return (
    <PageBody>
      <PageHeader
        title={t('audit.title')}
        description={t('audit.description')}
        actions={
          mayVerify ? (
            <Button variant="outline" disabled={chain.isPending} onClick={() => chain.mutate()}>
              <ShieldCheck aria-hidden />
              {chain.isPending ? t('audit.verifying') : t('audit.verify')}
            </Button>
          ) : null
        }
      />
      {chain.data ? (
        <div
          role="status"
          className={
            chain.data.intact
              ? 'flex items-start gap-2 rounded-md border border-emerald-600/30 bg-emerald-600/10 p-3 text-sm'
              : 'border-destructive/40 bg-destructive/10 flex items-start gap-2 rounded-md border p-3 text-sm'
          }
        >
          {chain.data.intact ? (
            <ShieldCheck className="size-4 shrink-0 text-emerald-700" aria-hidden />
          ) : (
            <ShieldAlert className="text-destructive size-4 shrink-0" aria-hidden />
          )}
          <div>
            <p className="font-medium">
              {chain.data.intact
                ? t('audit.chain_intact', { count: chain.data.entries })
                : t('audit.chain_broken', { count: chain.data.problems.length })}
            </p>
            <p className="text-muted-foreground text-xs">
              {t('audit.checked_at', { when: format.dateTime(chain.data.checked_at) })}
            </p>
            {chain.data.problems.length > 0 ? (
              <ul className="mt-1 list-disc pl-4 font-mono text-xs">
                {chain.data.problems.slice(0, 20).map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            ) : null}
          </div>
        </div>
      ) : null}
      <div className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
        <div className="grid gap-1.5">
          <Label htmlFor="audit-user">{t('audit.columns.user')}</Label>
          <NativeSelect
            id="audit-user"
            value={userId}
            disabled={!can('users.view.user')}
            onChange={(event) => setUserId(event.target.value)}
          >
            <option value="">{t('audit.anyone')}</option>
            {people.map((user) => (
              <option key={user.id} value={user.id}>
                {user.full_name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-model">{t('audit.columns.model')}</Label>
          <NativeSelect
            id="audit-model"
            value={model}
            onChange={(event) => setModel(event.target.value)}
          >
            <option value="">{t('audit.any_model')}</option>
            {MODELS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-action">{t('audit.columns.action')}</Label>
          <NativeSelect
            id="audit-action"
            value={action}
            onChange={(event) => setAction(event.target.value)}
          >
            <option value="">{t('audit.any_action')}</option>
            {ACTIONS.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-from">{t('audit.from')}</Label>
          <Input
            id="audit-from"
            type="date"
            value={from}
            max={to || undefined}
            onChange={(event) => setFrom(event.target.value)}
          />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="audit-to">{t('audit.to')}</Label>
          <Input
            id="audit-to"
            type="date"
            value={to}
            min={from || undefined}
            onChange={(event) => setTo(event.target.value)}
          />
        </div>
        <div className="flex items-end">
          <Button
            variant="ghost"
            disabled={!filtered}
            onClick={() => {
              setUserId('');
              setModel('');
              setAction('');
              setFrom('');
              setTo('');
            }}
          >
            {t('list.clear_filters')}
          </Button>
        </div>
      </div>
      <div className="bg-card rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('audit.columns.when')}</TableHead>
              <TableHead>{t('audit.columns.user')}</TableHead>
              <TableHead>{t('audit.columns.action')}</TableHead>
              <TableHead>{t('audit.columns.model')}</TableHead>
              <TableHead>{t('audit.columns.seq')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {audit.isPending ? (
              <TableSkeleton columns={COLUMNS} />
            ) : audit.isError ? (
              <FullRow columns={COLUMNS}>
                <ErrorState error={audit.error} onRetry={() => void audit.refetch()} />
              </FullRow>
            ) : rows.length === 0 ? (
              <FullRow columns={COLUMNS}>
                <EmptyState
                  icon={ScrollText}
                  title={t('audit.empty')}
                  hint={filtered ? t('list.empty_filtered') : undefined}
                />
              </FullRow>
            ) : (
              rows.map((entry) => {
                const expanded = open === entry.id;
                return (
                  <Fragment key={entry.id}>
                    <TableRow>
                      <TableCell className="whitespace-nowrap">
                        <button
                          type="button"
                          className="flex items-center gap-1 text-left hover:underline"
                          aria-expanded={expanded}
                          onClick={() => setOpen(expanded ? null : entry.id)}
                        >
                          {expanded ? (
                            <ChevronDown className="size-4" aria-hidden />
                          ) : (
                            <ChevronRight className="size-4" aria-hidden />
                          )}
                          {format.dateTime(entry.created_at)}
                        </button>
                      </TableCell>
                      <TableCell>
                        {nameOf(entry.user_id)}
                        {entry.api_token_id ? (
                          <div className="text-muted-foreground text-xs">
                            {t('audit.via_token')}
                          </div>
                        ) : null}
                      </TableCell>
                      <TableCell className="font-mono text-xs">{entry.action}</TableCell>
                      <TableCell>
                        <span className="font-mono text-xs">{entry.model}</span>
                        {entry.object_id ? (
                          <div className="text-muted-foreground max-w-48 truncate font-mono text-xs">
                            {entry.object_id}
                          </div>
                        ) : null}
                      </TableCell>
                      <TableCell className="font-mono text-xs">
                        #{entry.seq}
                        <div className="text-muted-foreground max-w-24 truncate" title={entry.hash}>
                          {entry.hash}
                        </div>
                      </TableCell>
                    </TableRow>
                    {expanded ? (
                      <TableRow className="hover:bg-transparent">
                        <TableCell colSpan={COLUMNS} className="bg-muted/30">
                          <ChangeDiff changes={entry.changes} />
                          <p className="text-muted-foreground mt-2 text-xs">
                            {[entry.ip, entry.user_agent, entry.request_id]
                              .filter(Boolean)
                              .join(' · ')}
                          </p>
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
        hasNextPage={audit.hasNextPage}
        isFetchingNextPage={audit.isFetchingNextPage}
        fetchNextPage={audit.fetchNextPage}
      />
    </PageBody>
  );
}
