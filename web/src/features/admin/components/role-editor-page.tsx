import { Link, useNavigate } from '@tanstack/react-router';
import { ArrowLeft, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorState } from '@/components/data/list-states';
import { NotFoundPage } from '@/components/errors/not-found-page';
import { PageLoading } from '@/components/errors/page-loading';
import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { applyProblem, problemMessage } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';

import { usePermissionCatalogue } from '../api/get-permission-catalogue';
import { useRoles, type Role } from '../api/get-roles';
import { useDeleteRole } from '../api/delete-role';
import { roleSchema, useSaveRole } from '../api/save-role';
import { PermissionMatrix } from './permission-matrix';

/** Create a role (`id` absent) or edit one: its name and its permission matrix. */
export function RoleEditorPage({ id }: { id?: string }) {
  const roles = useRoles();
  const catalogue = usePermissionCatalogue();
  if (roles.isPending || catalogue.isPending) return <PageLoading />;
  if (roles.isError || catalogue.isError) {
    return (
      <PageBody>
        <ErrorState
          error={roles.error ?? catalogue.error}
          onRetry={() => void Promise.all([roles.refetch(), catalogue.refetch()])}
        />
      </PageBody>
    );
  }
  const role = id ? roles.data.find((item) => item.id === id) : undefined;
  if (id && !role) return <NotFoundPage />;
  return <RoleForm key={role?.id ?? 'new'} role={role} catalogue={catalogue.data} />;
}

function RoleForm({
  role,
  catalogue,
}: {
  role: Role | undefined;
  catalogue: NonNullable<ReturnType<typeof usePermissionCatalogue>['data']>;
}) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const navigate = useNavigate();
  const save = useSaveRole(role?.id);
  const form = useZodForm(roleSchema, {
    defaultValues: {
      code: role?.code ?? '',
      name: role?.name ?? '',
      description: role?.description ?? '',
      permissions: role?.permissions ?? {},
    },
  });
  const { errors, isSubmitting } = form.formState;
  // The escalation refusal concerns the whole matrix: shown above it, in the API's words.
  const [refusal, setRefusal] = useState<string>();

  const onSubmit = form.handleSubmit(async (input) => {
    setRefusal(undefined);
    try {
      const saved = await save.mutateAsync(input);
      toast.success(t('roles.saved', { name: saved.name }));
      await navigate({ to: '/admin/roles' });
    } catch (error) {
      const placed = applyProblem(error, form.setError, ['code', 'name', 'description']);
      if (placed.length === 0) setRefusal(problemMessage(error));
    }
  });

  return (
    <PageBody>
      <Link
        to="/admin/roles"
        className="text-muted-foreground flex items-center gap-1 text-sm hover:underline"
      >
        <ArrowLeft className="size-4" aria-hidden />
        {t('roles.back')}
      </Link>
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {role ? role.name : t('roles.create')}
            {role?.is_system ? <Badge variant="secondary">{t('roles.system')}</Badge> : null}
          </span>
        }
        description={role?.is_system ? t('roles.system_hint') : t('roles.editor_hint')}
        actions={role && !role.is_system ? <DeleteRoleButton role={role} /> : null}
      />
      <form className="grid gap-6" onSubmit={onSubmit} noValidate>
        <Card>
          <CardContent className="grid gap-4 pt-6 sm:grid-cols-2">
            <FormField
              id="role-name"
              className="content-start"
              label={t('roles.fields.name')}
              error={errors.name}
            >
              {(control) => <Input {...control} {...form.register('name')} />}
            </FormField>
            <FormField
              id="role-code"
              label={t('roles.fields.code')}
              hint={t('roles.fields.code_hint')}
              error={errors.code}
            >
              {(control) => (
                <Input
                  {...control}
                  {...form.register('code')}
                  className="font-mono"
                  readOnly={Boolean(role)}
                  disabled={Boolean(role)}
                />
              )}
            </FormField>
            <FormField
              id="role-description"
              className="sm:col-span-2"
              label={t('roles.fields.description')}
              error={errors.description}
            >
              {(control) => <Input {...control} {...form.register('description')} />}
            </FormField>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t('roles.fields.permissions')}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-3">
            {refusal ? (
              <p role="alert" className="text-destructive text-sm font-medium">
                {refusal}
              </p>
            ) : null}
            <Controller
              control={form.control}
              name="permissions"
              render={({ field }) => (
                <PermissionMatrix
                  catalogue={catalogue}
                  value={field.value}
                  onChange={field.onChange}
                />
              )}
            />
          </CardContent>
        </Card>
        <div className="flex gap-2">
          <Button type="submit" pending={isSubmitting}>
            {tc('common.save')}
          </Button>
          <Button
            type="button"
            variant="outline"
            onClick={() => void navigate({ to: '/admin/roles' })}
          >
            {tc('common.cancel')}
          </Button>
        </div>
      </form>
    </PageBody>
  );
}

function DeleteRoleButton({ role }: { role: Role }) {
  const { t } = useTranslation('admin');
  const navigate = useNavigate();
  const remove = useDeleteRole();
  const [open, setOpen] = useState(false);
  return (
    <ConfirmDialog
      open={open}
      onOpenChange={setOpen}
      trigger={
        <Button variant="destructive">
          <Trash2 aria-hidden />
          {t('roles.delete')}
        </Button>
      }
      title={t('roles.delete_title', { name: role.name })}
      description={t('roles.delete_hint')}
      confirmLabel={t('roles.delete')}
      pending={remove.isPending}
      onConfirm={() =>
        remove.mutate(role.id, {
          onSuccess: () => {
            toast.success(t('roles.deleted'));
            void navigate({ to: '/admin/roles' });
          },
          onError: (error) => toast.error(problemMessage(error)),
        })
      }
    />
  );
}
