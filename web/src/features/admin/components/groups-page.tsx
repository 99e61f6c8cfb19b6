import { Link } from '@tanstack/react-router';
import { Plus, UsersRound } from 'lucide-react';
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
import { ExportButton, ImportLink } from '@/features/import-export';

import { useGroups } from '../api/get-groups';
import { useRoles } from '../api/get-roles';
import { GroupDialog } from './group-dialog';

const COLUMNS = 3;

/** Groups: people who hold roles together. */
export function GroupsPage() {
  const { t } = useTranslation('admin');
  const groups = useGroups();
  const roles = useRoles();
  const roleName = (id: string) => roles.data?.find((role) => role.id === id)?.name ?? '…';

  return (
    <PageBody>
      <PageHeader
        title={t('groups.title')}
        description={t('groups.description')}
        actions={
          <>
            <ImportLink resource="groups" />
            <ExportButton resource="groups" filters={{}} />
            <GroupDialog
              trigger={
                <Button>
                  <Plus aria-hidden />
                  {t('groups.create')}
                </Button>
              }
            />
          </>
        }
      />
      <div className="bg-card rounded-md border">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('groups.columns.group')}</TableHead>
              <TableHead>{t('groups.columns.members')}</TableHead>
              <TableHead>{t('groups.columns.roles')}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {groups.isPending ? (
              <TableSkeleton columns={COLUMNS} />
            ) : groups.isError ? (
              <FullRow columns={COLUMNS}>
                <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />
              </FullRow>
            ) : groups.data.length === 0 ? (
              <FullRow columns={COLUMNS}>
                <EmptyState
                  icon={UsersRound}
                  title={t('groups.empty')}
                  hint={t('groups.empty_hint')}
                />
              </FullRow>
            ) : (
              groups.data.map((group) => (
                <TableRow key={group.id}>
                  <TableCell>
                    <Link
                      to="/admin/groups/$id"
                      params={{ id: group.id }}
                      className="font-medium hover:underline"
                    >
                      {group.name}
                    </Link>
                    {group.description ? (
                      <div className="text-muted-foreground text-xs">{group.description}</div>
                    ) : null}
                  </TableCell>
                  <TableCell>
                    {t('groups.member_count', { count: group.member_ids.length })}
                  </TableCell>
                  <TableCell>
                    <div className="flex flex-wrap gap-1">
                      {group.role_ids.map((id) => (
                        <Badge key={id} variant="secondary">
                          {roleName(id)}
                        </Badge>
                      ))}
                    </div>
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </div>
    </PageBody>
  );
}
