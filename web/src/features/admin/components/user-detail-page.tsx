import { Link } from '@tanstack/react-router';
import { ArrowLeft, Mail, UserCheck, UserX } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorState } from '@/components/data/list-states';
import { PageLoading } from '@/components/errors/page-loading';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Attachments } from '@/features/files';
import { useMe } from '@/lib/auth/me';
import { usePermissions } from '@/lib/auth/permissions';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useFormat } from '@/lib/i18n/format';

import { useGroups } from '../api/get-groups';
import { useUser } from '../api/get-user';
import { useUserAccess } from '../api/get-user-access';
import type { User } from '../api/get-users';
import { useResendInvitation } from '../api/resend-invitation';
import { useUpdateUser } from '../api/update-user';
import { EditUserDialog } from './edit-user-dialog';
import { EffectivePermissionsCard, UserGrantsCard, UserRolesCard } from './user-access-cards';
import { UserStatusBadge } from './user-status-badge';

/** One user: profile, roles, groups, direct grants, documents and effective permissions. */
export function UserDetailPage({ id }: { id: string }) {
  const { t } = useTranslation('admin');
  const user = useUser(id);
  const access = useUserAccess(id);
  const { t: tf } = useTranslation('files');
  const { can } = usePermissions();
  const me = useMe();
  const editable = can('users.manage.user');

  if (user.isPending || access.isPending) return <PageLoading />;
  if (user.isError || access.isError) {
    return (
      <PageBody>
        <ErrorState
          error={user.error ?? access.error}
          onRetry={() => void Promise.all([user.refetch(), access.refetch()])}
        />
      </PageBody>
    );
  }

  return (
    <PageBody>
      <Link
        to="/admin/users"
        className="text-muted-foreground flex items-center gap-1 text-sm hover:underline"
      >
        <ArrowLeft className="size-4" aria-hidden />
        {t('users.back')}
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {user.data.full_name}
            <UserStatusBadge status={user.data.status} />
            {user.data.is_superuser ? (
              <Badge variant="outline">{t('users.superuser')}</Badge>
            ) : null}
          </span>
        }
        description={user.data.email}
        actions={editable ? <UserActions user={user.data} /> : null}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <UserFactsCard user={user.data} />
        <UserRolesCard userId={id} access={access.data} editable={editable} />
        <UserGroupsCard userId={id} />
        <UserGrantsCard userId={id} access={access.data} editable={editable} />
      </div>
      {/* Their documents: changed by the person themself or with users.manage.user. */}
      <Attachments
        model="user"
        recordId={id}
        canChange={editable || me.user.id === id}
        description={tf('documents.admin_description')}
      />
      <EffectivePermissionsCard access={access.data} />
    </PageBody>
  );
}

function UserActions({ user }: { user: User }) {
  const { t } = useTranslation('admin');
  const update = useUpdateUser(user.id);
  const resend = useResendInvitation();
  const [confirm, setConfirm] = useState(false);
  const deactivating = user.is_active;

  const toggleActive = () =>
    update.mutate(
      { is_active: !deactivating },
      {
        onSuccess: () => {
          setConfirm(false);
          toast.success(t(deactivating ? 'users.deactivated' : 'users.reactivated'));
        },
        onError: (error) => toast.error(problemMessage(error)),
      },
    );

  return (
    <>
      <EditUserDialog user={user} />
      {user.status === 'invited' ? (
        <Button
          variant="outline"
          pending={resend.isPending}
          onClick={() =>
            resend.mutate(user.id, {
              onSuccess: () => toast.success(t('users.invitation_resent', { email: user.email })),
              onError: (error) => toast.error(problemMessage(error)),
            })
          }
        >
          <Mail aria-hidden />
          {t('users.resend_invitation')}
        </Button>
      ) : null}
      <ConfirmDialog
        open={confirm}
        onOpenChange={setConfirm}
        trigger={
          <Button variant={deactivating ? 'destructive' : 'outline'}>
            {deactivating ? <UserX aria-hidden /> : <UserCheck aria-hidden />}
            {t(deactivating ? 'users.deactivate' : 'users.reactivate')}
          </Button>
        }
        title={t(deactivating ? 'users.deactivate_title' : 'users.reactivate_title', {
          name: user.full_name,
        })}
        description={t(deactivating ? 'users.deactivate_hint' : 'users.reactivate_hint')}
        confirmLabel={t(deactivating ? 'users.deactivate' : 'users.reactivate')}
        pending={update.isPending}
        onConfirm={toggleActive}
      />
    </>
  );
}

function UserFactsCard({ user }: { user: User }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const format = useFormat();
  const facts: [string, string][] = [
    [tc('common.language'), tc(`languages.${user.locale}`)],
    [t('users.fields.time_zone'), user.time_zone.replaceAll('_', ' ')],
    [t('users.fields.phone'), user.phone ?? '—'],
    [
      t('users.columns.mfa'),
      [user.mfa.totp ? 'TOTP' : null, user.mfa.sms ? 'SMS' : null].filter(Boolean).join(' + ') ||
        t('users.mfa_off'),
    ],
    [t('users.columns.last_login'), format.dateTime(user.last_login_at)],
    [t('users.fields.created_at'), format.dateTime(user.created_at)],
  ];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('users.detail.profile')}</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
          {facts.map(([term, value]) => (
            <div key={term} className="contents">
              <dt className="text-muted-foreground">{term}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}

/** The groups the user belongs to (readable with `groups.manage.group`). */
function UserGroupsCard({ userId }: { userId: string }) {
  const { t } = useTranslation('admin');
  const { can } = usePermissions();
  const mayRead = can('groups.manage.group');
  const groups = useGroups(mayRead);
  const mine = (groups.data ?? []).filter((group) => group.member_ids.includes(userId));
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('users.detail.groups')}</CardTitle>
      </CardHeader>
      <CardContent>
        {!mayRead ? (
          <p className="text-muted-foreground text-sm">{t('users.detail.groups_hidden')}</p>
        ) : mine.length === 0 ? (
          <p className="text-muted-foreground text-sm">{t('users.detail.no_groups')}</p>
        ) : (
          <ul className="flex flex-wrap gap-2">
            {mine.map((group) => (
              <li key={group.id}>
                <Badge variant="secondary">{group.name}</Badge>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
