import { Link } from '@tanstack/react-router';
import { Search, Users } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { ExportButton, ImportLink } from '@/features/import-export';
import { Badge } from '@/components/ui/badge';
import { Input, NativeSelect } from '@/components/ui/input';
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

import { useUsers, type UserFilters } from '../api/get-users';
import { useDebounced } from '../lib/use-debounced';
import { InviteUserDialog } from './invite-user-dialog';
import { LoadMore } from '@/components/data/load-more';
import { UserStatusBadge } from './user-status-badge';

const COLUMNS = 4;
type StatusFilter = 'any' | 'active' | 'inactive';

/** Users in reach: search by name or email, filter on active, invite. */
export function UsersPage() {
  const { t } = useTranslation('admin');
  const format = useFormat();
  const { can } = usePermissions();
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState<StatusFilter>('any');
  const q = useDebounced(search.trim());
  const filters: UserFilters = {
    ...(q ? { q } : {}),
    ...(status === 'any' ? {} : { is_active: status === 'active' }),
  };
  const users = useUsers(filters);
  const rows = users.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <PageBody>
      <PageHeader
        title={t('users.title')}
        description={t('users.description')}
        actions={
          <>
            <ImportLink resource="users" />
            <ExportButton resource="users" filters={filters} />
            {can('users.manage.user') ? <InviteUserDialog /> : null}
          </>
        }
      />
      <div className="flex flex-wrap gap-3">
        <div className="relative min-w-60 flex-1">
          <Search className="text-muted-foreground absolute top-2.5 left-2.5 size-4" aria-hidden />
          <Input
            type="search"
            className="pl-8"
            placeholder={t('users.search')}
            aria-label={t('users.search')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        <NativeSelect
          className="w-48"
          aria-label={t('users.status_filter')}
          value={status}
          onChange={(event) => setStatus(event.target.value as StatusFilter)}
        >
          <option value="any">{t('users.filter.any')}</option>
          <option value="active">{t('users.filter.active')}</option>
          <option value="inactive">{t('users.filter.inactive')}</option>
        </NativeSelect>
      </div>
      <div className="bg-card rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('users.columns.user')}</TableHead>
              <TableHead>{t('users.columns.status')}</TableHead>
              <TableHead>{t('users.columns.mfa')}</TableHead>
              <TableHead>{t('users.columns.last_login')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {users.isPending ? (
              <TableSkeleton columns={COLUMNS} />
            ) : users.isError ? (
              <FullRow columns={COLUMNS}>
                <ErrorState error={users.error} onRetry={() => void users.refetch()} />
              </FullRow>
            ) : rows.length === 0 ? (
              <FullRow columns={COLUMNS}>
                <EmptyState
                  icon={Users}
                  title={t('users.empty')}
                  hint={q || status !== 'any' ? t('list.empty_filtered') : undefined}
                />
              </FullRow>
            ) : (
              rows.map((user) => (
                <TableRow key={user.id}>
                  <TableCell>
                    <Link
                      to="/admin/users/$id"
                      params={{ id: user.id }}
                      className="font-medium hover:underline"
                    >
                      {user.full_name}
                    </Link>
                    <div className="text-muted-foreground text-xs">{user.email}</div>
                  </TableCell>
                  <TableCell>
                    <div className="flex flex-wrap gap-1">
                      <UserStatusBadge status={user.status} />
                      {user.is_superuser ? (
                        <Badge variant="outline">{t('users.superuser')}</Badge>
                      ) : null}
                    </div>
                  </TableCell>
                  <TableCell>
                    {user.mfa.totp || user.mfa.sms ? (
                      <Badge variant="success">
                        {[user.mfa.totp ? 'TOTP' : null, user.mfa.sms ? 'SMS' : null]
                          .filter(Boolean)
                          .join(' + ')}
                      </Badge>
                    ) : (
                      <span className="text-muted-foreground">{t('users.mfa_off')}</span>
                    )}
                  </TableCell>
                  <TableCell>
                    {user.last_login_at ? (
                      <time
                        dateTime={user.last_login_at}
                        title={format.dateTime(user.last_login_at)}
                      >
                        {format.relative(user.last_login_at)}
                      </time>
                    ) : (
                      <span className="text-muted-foreground">{t('users.never')}</span>
                    )}
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
      <LoadMore
        hasNextPage={users.hasNextPage}
        isFetchingNextPage={users.isFetchingNextPage}
        fetchNextPage={users.fetchNextPage}
      />
    </PageBody>
  );
}
