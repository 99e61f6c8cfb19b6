import { KeyRound } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
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
import { useMe } from '@/lib/auth/me';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useFormat } from '@/lib/i18n/format';

import { useApiTokens, type ApiToken } from '../api/get-api-tokens';
import { useRevokeApiToken } from '../api/revoke-api-token';
import { useRotateApiToken } from '../api/rotate-api-token';
import { CreateApiTokenDialog } from './create-api-token-dialog';
import { LoadMore } from '@/components/data/load-more';
import { SecretDialog } from './secret-dialog';

const COLUMNS = 5;

/** API tokens: create (secret shown once), rotate your own, revoke, see when last used. */
export function ApiTokensPage() {
  const { t } = useTranslation('admin');
  const tokens = useApiTokens();
  const [secret, setSecret] = useState<string | null>(null);
  const rows = tokens.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <PageBody>
      <PageHeader
        title={t('tokens.title')}
        description={t('tokens.description')}
        actions={<CreateApiTokenDialog onCreated={setSecret} />}
      />
      <SecretDialog
        secret={secret}
        title={t('tokens.secret_title')}
        onClose={() => setSecret(null)}
      />
      <div className="bg-card rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('tokens.columns.token')}</TableHead>
              <TableHead>{t('tokens.columns.permissions')}</TableHead>
              <TableHead>{t('tokens.columns.expires')}</TableHead>
              <TableHead>{t('tokens.columns.last_used')}</TableHead>
              <TableHead className="text-right">
                <span className="sr-only">{t('tokens.columns.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {tokens.isPending ? (
              <TableSkeleton columns={COLUMNS} />
            ) : tokens.isError ? (
              <FullRow columns={COLUMNS}>
                <ErrorState error={tokens.error} onRetry={() => void tokens.refetch()} />
              </FullRow>
            ) : rows.length === 0 ? (
              <FullRow columns={COLUMNS}>
                <EmptyState
                  icon={KeyRound}
                  title={t('tokens.empty')}
                  hint={t('tokens.empty_hint')}
                />
              </FullRow>
            ) : (
              rows.map((token) => <TokenRow key={token.id} token={token} onSecret={setSecret} />)
            )}
          </TableBody>
        </Table>
      </div>
      <LoadMore
        hasNextPage={tokens.hasNextPage}
        isFetchingNextPage={tokens.isFetchingNextPage}
        fetchNextPage={tokens.fetchNextPage}
      />
    </PageBody>
  );
}

function TokenRow({ token, onSecret }: { token: ApiToken; onSecret: (secret: string) => void }) {
  const { t } = useTranslation('admin');
  const format = useFormat();
  const { user } = useMe();
  const rotate = useRotateApiToken();
  const revoke = useRevokeApiToken();
  const [confirm, setConfirm] = useState<'rotate' | 'revoke' | null>(null);
  const expired =
    token.expires_at !== null &&
    token.expires_at !== undefined &&
    new Date(token.expires_at) < new Date();
  const live = !token.revoked_at && !expired;
  const grants = Object.entries(token.permissions);

  return (
    <TableRow>
      <TableCell>
        <div className="flex flex-wrap items-center gap-2">
          <span className="font-medium">{token.name}</span>
          {token.revoked_at ? (
            <Badge variant="destructive">{t('tokens.revoked')}</Badge>
          ) : expired ? (
            <Badge variant="warning">{t('tokens.expired')}</Badge>
          ) : null}
        </div>
        <div className="text-muted-foreground font-mono text-xs">{token.prefix}…</div>
      </TableCell>
      <TableCell>
        <span title={grants.map(([code, scope]) => `${code}: ${scope}`).join('\n')}>
          {t('roles.grant_count', { count: grants.length })}
        </span>
      </TableCell>
      <TableCell>{format.date(token.expires_at)}</TableCell>
      <TableCell>
        {token.last_used_at ? (
          <>
            <time dateTime={token.last_used_at} title={format.dateTime(token.last_used_at)}>
              {format.relative(token.last_used_at)}
            </time>
            {token.last_used_ip ? (
              <div className="text-muted-foreground font-mono text-xs">{token.last_used_ip}</div>
            ) : null}
          </>
        ) : (
          <span className="text-muted-foreground">{t('users.never')}</span>
        )}
      </TableCell>
      <TableCell className="text-right whitespace-nowrap">
        {live && token.user_id === user.id ? (
          <ConfirmDialog
            open={confirm === 'rotate'}
            onOpenChange={(open) => setConfirm(open ? 'rotate' : null)}
            trigger={
              <Button variant="ghost" size="sm">
                {t('tokens.rotate')}
              </Button>
            }
            title={t('tokens.rotate_title', { name: token.name })}
            description={t('tokens.rotate_hint')}
            confirmLabel={t('tokens.rotate')}
            pending={rotate.isPending}
            onConfirm={() =>
              rotate.mutate(token.id, {
                onSuccess: (issued) => {
                  setConfirm(null);
                  onSecret(issued.secret);
                },
                onError: (error) => toast.error(problemMessage(error)),
              })
            }
          />
        ) : null}
        {token.revoked_at ? null : (
          <ConfirmDialog
            open={confirm === 'revoke'}
            onOpenChange={(open) => setConfirm(open ? 'revoke' : null)}
            trigger={
              <Button variant="ghost" size="sm" className="text-destructive">
                {t('tokens.revoke')}
              </Button>
            }
            title={t('tokens.revoke_title', { name: token.name })}
            description={t('tokens.revoke_hint')}
            confirmLabel={t('tokens.revoke')}
            pending={revoke.isPending}
            onConfirm={() =>
              revoke.mutate(token.id, {
                onSuccess: () => {
                  setConfirm(null);
                  toast.success(t('tokens.revoked_done'));
                },
                onError: (error) => toast.error(problemMessage(error)),
              })
            }
          />
        )}
      </TableCell>
    </TableRow>
  );
}
