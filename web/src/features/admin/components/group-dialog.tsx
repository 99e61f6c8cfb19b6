import type * as React from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { applyProblem } from '@/lib/forms/apply-problem';
import { useZodForm } from '@/lib/forms/use-zod-form';

import type { Group } from '../api/get-groups';
import { groupSchema, useSaveGroup } from '../api/save-group';

/** Creates a group (no `group`) or renames one. */
export function GroupDialog({ group, trigger }: { group?: Group; trigger: React.ReactNode }) {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const [open, setOpen] = useState(false);
  const save = useSaveGroup(group?.id);
  const form = useZodForm(groupSchema, {
    values: { name: group?.name ?? '', description: group?.description ?? '' },
  });
  const { errors, isSubmitting } = form.formState;

  const onSubmit = form.handleSubmit(async (input) => {
    try {
      const saved = await save.mutateAsync(input);
      toast.success(t('groups.saved', { name: saved.name }));
      form.reset();
      setOpen(false);
    } catch (error) {
      applyProblem(error, form.setError, ['name', 'description']);
    }
  });

  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>{trigger}</DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{group ? t('groups.edit_title') : t('groups.create')}</DialogTitle>
        </DialogHeader>
        <form className="grid gap-4" onSubmit={onSubmit} noValidate>
          <FormField id="group-name" label={t('groups.fields.name')} error={errors.name}>
            {(control) => <Input {...control} {...form.register('name')} />}
          </FormField>
          <FormField
            id="group-description"
            label={t('groups.fields.description')}
            error={errors.description}
          >
            {(control) => <Input {...control} {...form.register('description')} />}
          </FormField>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => setOpen(false)}>
              {tc('common.cancel')}
            </Button>
            <Button type="submit" pending={isSubmitting}>
              {tc('common.save')}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
