import { Link, useNavigate } from '@tanstack/react-router';
import { Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { Button, buttonVariants } from '@/components/ui/button';
import { useMe } from '@/lib/auth/me';
import { usePermissions } from '@/lib/auth/permissions';
import { problemMessage } from '@/lib/forms/apply-problem';

import { useDeleteIncident } from '../api/delete-incident';
import { type IncidentDetail, mayDelete, mayEdit } from '../lib/incident';
import { useStaleIncident } from './use-stale-incident';

/** "Edit" and "Delete", for those the API would let do it. */
export function IncidentEditButtons({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation('hse');
  const me = useMe();
  const { grants } = usePermissions();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteIncident(incident.id);
  const stale = useStaleIncident(incident);
  const editable = mayEdit(incident, me.user.id, grants);
  const deletable = mayDelete(incident, grants);
  if (!editable && !deletable) return null;

  const confirm = () =>
    remove.mutate(undefined, {
      onSuccess: () => {
        toast.success(t('delete.done', { number: incident.number }));
        void navigate({ to: '/hse/incidents' });
      },
      onError: (error) => {
        setConfirming(false);
        void stale(error).then((handled) => handled || toast.error(problemMessage(error)));
      },
    });

  return (
    <>
      {editable ? (
        <Link
          to="/hse/incidents/$id/edit"
          params={{ id: incident.id }}
          className={buttonVariants({ variant: 'outline' })}
        >
          <Pencil aria-hidden />
          {t('detail.edit')}
        </Link>
      ) : null}
      {deletable ? (
        <ConfirmDialog
          open={confirming}
          onOpenChange={setConfirming}
          trigger={
            <Button variant="outline" className="text-destructive">
              <Trash2 aria-hidden />
              {t('delete.label')}
            </Button>
          }
          title={t('delete.title', { number: incident.number })}
          description={t('delete.description')}
          confirmLabel={t('delete.label')}
          pending={remove.isPending}
          onConfirm={confirm}
        />
      ) : null}
    </>
  );
}
