import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { NativeSelect } from '@/components/ui/input';
import type { Scope } from '@/lib/auth/permissions';
import { problemMessage } from '@/lib/forms/apply-problem';

import { usePermissionCatalogue } from '../api/get-permission-catalogue';
import { useRoles } from '../api/get-roles';
import type { UserAccess } from '../api/get-user-access';
import { useSetUserGrant } from '../api/set-user-grant';
import { useSetUserRole } from '../api/set-user-role';
import { ScopeSelect } from './scope-select';

const onError = (error: unknown) => toast.error(problemMessage(error));

/** The user's direct roles; give or take one back. */
export function UserRolesCard({
  userId,
  access,
  editable,
}: {
  userId: string;
  access: UserAccess;
  editable: boolean;
}) {
  const { t } = useTranslation('admin');
  const roles = useRoles(editable);
  const setRole = useSetUserRole(userId);
  const held = new Set(access.roles.map((role) => role.id));
  const addable = (roles.data ?? []).filter((role) => !held.has(role.id));
  const [picked, setPicked] = useState('');

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('users.detail.roles')}</CardTitle>
        <CardDescription>{t('users.detail.roles_hint')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        <ul className="flex flex-wrap gap-2">
          {access.roles.length === 0 ? (
            <li className="text-muted-foreground text-sm">{t('users.detail.no_roles')}</li>
          ) : null}
          {access.roles.map((role) => (
            <li key={role.id}>
              <Badge variant="secondary" className="gap-1 py-1 pr-1">
                {role.name}
                {editable ? (
                  <button
                    type="button"
                    className="hover:bg-background rounded-sm p-0.5"
                    aria-label={t('users.detail.remove_role', { role: role.name })}
                    disabled={setRole.isPending}
                    onClick={() =>
                      setRole.mutate(
                        { roleId: role.id, held: false },
                        { onError, onSuccess: () => toast.success(t('users.detail.role_removed')) },
                      )
                    }
                  >
                    <X className="size-3" aria-hidden />
                  </button>
                ) : null}
              </Badge>
            </li>
          ))}
        </ul>
        {editable && addable.length > 0 ? (
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
              pending={setRole.isPending}
              onClick={() =>
                setRole.mutate(
                  { roleId: picked, held: true },
                  {
                    onError,
                    onSuccess: () => {
                      setPicked('');
                      toast.success(t('users.detail.role_added'));
                    },
                  },
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

/** Permissions granted to the user directly, outside any role. */
export function UserGrantsCard({
  userId,
  access,
  editable,
}: {
  userId: string;
  access: UserAccess;
  editable: boolean;
}) {
  const { t, i18n } = useTranslation('admin');
  const catalogue = usePermissionCatalogue();
  const setGrant = useSetUserGrant(userId);
  const [code, setCode] = useState('');
  const [scope, setScope] = useState<Scope>('company');
  const labelOf = (permission: string) => {
    const found = catalogue.data?.find((item) => item.code === permission);
    if (!found) return permission;
    return i18n.language === 'en' ? found.label_en : found.label_fr;
  };
  const grants = Object.entries(access.permissions);

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('users.detail.grants')}</CardTitle>
        <CardDescription>{t('users.detail.grants_hint')}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {grants.length === 0 ? (
          <p className="text-muted-foreground text-sm">{t('users.detail.no_grants')}</p>
        ) : (
          <ul className="grid gap-1.5">
            {grants.map(([permission, held]) => (
              <li key={permission} className="flex items-center justify-between gap-2 text-sm">
                <span>
                  {labelOf(permission)}{' '}
                  <span className="text-muted-foreground font-mono text-xs">{permission}</span>
                </span>
                <span className="flex items-center gap-2">
                  <Badge variant="outline">{t(`scope.${held}`)}</Badge>
                  {editable ? (
                    <Button
                      variant="ghost"
                      size="icon"
                      className="size-7"
                      aria-label={t('users.detail.remove_grant', { permission })}
                      disabled={setGrant.isPending}
                      onClick={() =>
                        setGrant.mutate(
                          { code: permission, scope: null },
                          {
                            onError,
                            onSuccess: () => toast.success(t('users.detail.grant_removed')),
                          },
                        )
                      }
                    >
                      <X aria-hidden />
                    </Button>
                  ) : null}
                </span>
              </li>
            ))}
          </ul>
        )}
        {editable ? (
          <div className="flex flex-wrap gap-2">
            <NativeSelect
              className="min-w-48 flex-1"
              aria-label={t('users.detail.pick_permission')}
              value={code}
              onChange={(event) => setCode(event.target.value)}
            >
              <option value="">{t('users.detail.pick_permission')}</option>
              {(catalogue.data ?? []).map((permission) => (
                <option key={permission.code} value={permission.code}>
                  {labelOf(permission.code)}
                </option>
              ))}
            </NativeSelect>
            <ScopeSelect
              className="w-40"
              label={t('matrix.scope')}
              value={scope}
              onChange={setScope}
            />
            <Button
              variant="outline"
              disabled={!code}
              pending={setGrant.isPending}
              onClick={() =>
                setGrant.mutate(
                  { code, scope },
                  {
                    onError,
                    onSuccess: () => {
                      setCode('');
                      toast.success(t('users.detail.grant_added'));
                    },
                  },
                )
              }
            >
              <Plus aria-hidden />
              {t('users.detail.add_grant')}
            </Button>
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}

/** Everything the user holds: direct grants, roles and their groups' roles together. */
export function EffectivePermissionsCard({ access }: { access: UserAccess }) {
  const { t } = useTranslation('admin');
  const effective = Object.entries(access.effective).sort(([a], [b]) => a.localeCompare(b));
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('users.detail.effective')}</CardTitle>
        <CardDescription>
          {access.is_superuser
            ? t('users.detail.superuser_hint')
            : t('users.detail.effective_hint')}
        </CardDescription>
      </CardHeader>
      <CardContent>
        {effective.length === 0 ? (
          <p className="text-muted-foreground text-sm">{t('users.detail.no_effective')}</p>
        ) : (
          <ul className="grid gap-1 sm:grid-cols-2">
            {effective.map(([permission, scope]) => (
              <li key={permission} className="flex items-center justify-between gap-2 text-sm">
                <span className="truncate font-mono text-xs">{permission}</span>
                <Badge variant="outline">{t(`scope.${scope}`)}</Badge>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
