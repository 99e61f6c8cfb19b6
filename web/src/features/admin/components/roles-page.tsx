import { Link } from '@tanstack/react-router';
import { Plus, Shield } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { buttonVariants } from '@/components/ui/button';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { useFormat } from '@/lib/i18n/format';

import { useRoles } from '../api/get-roles';

const COLUMNS = 4;

/** The company's roles; system ones are marked (editable, not deletable). */
export function RolesPage() {
  const { t } = useTranslation('admin');
  const format = useFormat();
  const roles = useRoles();

  return (
    <PageBody>
      <PageHeader
        title={t('roles.title')}
        description={t('roles.description')}
        actions={
          <Link to="/admin/roles/new" className={buttonVariants()}>
            <Plus aria-hidden />
            {t('roles.create')}
          </Link>
        }
      />
      <div className="bg-card rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('roles.columns.role')}</TableHead>
              <TableHead>{t('roles.columns.kind')}</TableHead>
              <TableHead>{t('roles.columns.grants')}</TableHead>
              <TableHead>{t('roles.columns.updated')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {roles.isPending ? (
              <TableSkeleton columns={COLUMNS} />
            ) : roles.isError ? (
              <FullRow columns={COLUMNS}>
                <ErrorState error={roles.error} onRetry={() => void roles.refetch()} />
              </FullRow>
            ) : roles.data.length === 0 ? (
              <FullRow columns={COLUMNS}>
                <EmptyState icon={Shield} title={t('roles.empty')} />
              </FullRow>
            ) : (
              roles.data.map((role) => (
                <TableRow key={role.id}>
                  <TableCell>
                    <Link
                      to="/admin/roles/$id"
                      params={{ id: role.id }}
                      className="font-medium hover:underline"
                    >
                      {role.name}
                    </Link>
                    <div className="text-muted-foreground font-mono text-xs">{role.code}</div>
                  </TableCell>
                  <TableCell>
                    {role.is_system ? (
                      <Badge variant="secondary">{t('roles.system')}</Badge>
                    ) : (
                      <Badge variant="outline">{t('roles.custom')}</Badge>
                    )}
                  </TableCell>
                  <TableCell>
                    {t('roles.grant_count', { count: Object.keys(role.permissions).length })}
                  </TableCell>
                  <TableCell>{format.dateTime(role.updated_at)}</TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
    </PageBody>
  );
}
