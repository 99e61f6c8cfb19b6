import { useQueries } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { ArrowLeft, Pencil, Plus, Trash2, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorState } from '@/components/data/list-states';
import { NotFoundPage } from '@/components/errors/not-found-page';
import { PageLoading } from '@/components/errors/page-loading';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input, NativeSelect } from '@/components/ui/input';
import { problemMessage } from '@/lib/forms/apply-problem';

import { useDeleteGroup } from '../api/delete-group';
import { useGroups, type Group } from '../api/get-groups';
import { useRoles } from '../api/get-roles';
import { userQueryOptions } from '../api/get-user';
import { useUsers } from '../api/get-users';
import { useSetGroupLink } from '../api/set-group-link';
import { useDebounced } from '../lib/use-debounced';
import { GroupDialog } from './group-dialog';

const onError = (error: unknown) => toast.error(problemMessage(error));

/** One group: its members and the roles they hold through it. */
export function GroupDetailPage({ id }: { id: string }) {
  const { t } = useTranslation('admin');
  const groups = useGroups();
  if (groups.isPending) return <PageLoading />;
  if (groups.isError) {
    return (
      <PageBody>
        <ErrorState error={groups.error} onRetry={() => void groups.refetch()} />
      </PageBody>
    );
  }
  const group = groups.data.find((item) => item.id === id);
  if (!group) return <NotFoundPage />;
  return (
    <PageBody>
      <Link
        to="/admin/groups"
        className="text-muted-foreground flex items-center gap-1 text-sm hover:underline"
      >
        <ArrowLeft className="size-4" aria-hidden />
        {t('groups.back')}
      </Link>
      <PageHeader
        title={group.name}
        description={group.description ?? undefined}
        actions={
          <>
            <GroupDialog
              group={group}
              trigger={
                <Button variant="outline">
                  <Pencil aria-hidden />
                  {t('groups.edit')}
                </Button>
              }
            />
            <DeleteGroupButton group={group} />
          </>
        }
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <GroupMembersCard group={group} />
        <GroupRolesCard group={group} />
      </div>
    </PageBody>
  );
}

function GroupMembersCard({ group }: { group: Group }) {
  const { t } = useTranslation('admin');
  const link = useSetGroupLink(group.id);
  const members = useQueries({ queries: group.member_ids.map((id) => userQueryOptions(id)) });
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const candidates = useUsers(q ? { q } : {});
  const addable = (candidates.data?.pages[0]?.items ?? []).filter(
    (user) => !group.member_ids.includes(user.id),
  );
  const [picked, setPicked] = useState('');

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('groups.members')}</CardTitle>
        <CardDescription>
          {t('groups.member_count', { count: group.member_ids.length })}
        </CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {group.member_ids.length === 0 ? (
          <p className="text-muted-foreground text-sm">{t('groups.no_members')}</p>
        ) : (
          <ul className="grid gap-1.5">
            {group.member_ids.map((id, index) => {
              const user = members[index]?.data;
              return (
                <li key={id} className="flex items-center justify-between gap-2 text-sm">
                  <span>
                    {user?.full_name ?? '…'}{' '}
                    <span className="text-muted-foreground text-xs">{user?.email}</span>
                  </span>
                  <Button
                    variant="ghost"
                    size="icon"
                    className="size-7"
                    aria-label={t('groups.remove_member', { name: user?.full_name ?? id })}
                    disabled={link.isPending}
                    onClick={() => link.mutate({ kind: 'member', id, linked: false }, { onError })}
                  >
                    <X aria-hidden />
                  </Button>
                </li>
              );
            })}
          </ul>
        )}
        <div className="grid gap-2 sm:grid-cols-[1fr_auto]">
          <Input
            type="search"
            className="sm:col-span-2"
            placeholder={t('groups.find_user')}
            aria-label={t('groups.find_user')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <NativeSelect
            aria-label={t('groups.pick_user')}
            value={picked}
            onChange={(event) => setPicked(event.target.value)}
          >
            <option value="">{t('groups.pick_user')}</option>
            {addable.map((user) => (
              <option key={user.id} value={user.id}>
                {user.full_name} ({user.email})
              </option>
            ))}
          </NativeSelect>
          <Button
            variant="outline"
            disabled={!picked}
            pending={link.isPending}
            onClick={() =>
              link.mutate(
                { kind: 'member', id: picked, linked: true },
                { onError, onSuccess: () => setPicked('') },
              )
            }
          >
            <Plus aria-hidden />
            {t('groups.add_member')}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}

function GroupRolesCard({ group }: { group: Group }) {
  const { t } = useTranslation('admin');
  const link = useSetGroupLink(group.id);
  const roles = useRoles();
  const held = (roles.data ?? []).filter((role) => group.role_ids.includes(role.id));
  const addable = (roles.data ?? []).filter((role) => !group.role_ids.includes(role.id));
  const [picked, setPicked] = useState('');

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('groups.roles')}</CardTitle>
        <CardDescription>{t('groups.roles_hint')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <ul className="flex flex-wrap gap-2">
          {held.length === 0 ? (
            <li className="text-muted-foreground text-sm">{t('groups.no_roles')}</li>
          ) : null}
          {held.map((role) => (
            <li key={role.id}>
              <Badge variant="secondary" className="gap-1 py-1 pr-1">
                {role.name}
                <button
                  type="button"
                  className="hover:bg-background rounded-sm p-0.5"
                  aria-label={t('users.detail.remove_role', { role: role.name })}
                  disabled={link.isPending}
                  onClick={() =>
                    link.mutate({ kind: 'role', id: role.id, linked: false }, { onError })
                  }
                >
                  <X className="size-3" aria-hidden />
                </button>
              </Badge>
            </li>
          ))}
        </ul>
        {addable.length > 0 ? (
          <div className="flex gap-2">
            <NativeSelect
              aria-label={t('users.detail.add_role')}
              value={picked}
              onChange={(event) => setPicked(event.target.value)}
            >
              <option value="">{t('users.detail.pick_role')}</option>
              {addable.map((role) => (
                <option key={role.id} value={role.id}>
                  {role.name}
                </option>
              ))}
            </NativeSelect>
            <Button
              variant="outline"
              disabled={!picked}
              pending={link.isPending}
              onClick={() =>
                link.mutate(
                  { kind: 'role', id: picked, linked: true },
                  { onError, onSuccess: () => setPicked('') },
                )
              }
            >
              <Plus aria-hidden />
              {t('users.detail.add_role')}
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

function DeleteGroupButton({ group }: { group: Group }) {
  const { t } = useTranslation('admin');
  const navigate = useNavigate();
  const remove = useDeleteGroup();
  const [open, setOpen] = useState(false);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="destructive">
          <Trash2 aria-hidden />
          {t('groups.delete')}
        </Button>
      }
      title={t('groups.delete_title', { name: group.name })}
      description={t('groups.delete_hint')}
      confirmLabel={t('groups.delete')}
      pending={remove.isPending}
      onConfirm={() =>
        remove.mutate(group.id, {
          onSuccess: () => {
            toast.success(t('groups.deleted'));
            void navigate({ to: '/admin/groups' });
          },
          onError,
        })
      }
    />
  );
}
