import { Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { SiteKindLabel } from '@/components/sites/site-kind';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { TableCell, TableRow } from '@/components/ui/table';
import type { Site } from '@/lib/api/sites';
import { problemMessage } from '@/lib/forms/apply-problem';

import { useDeleteSite } from '../api/delete-site';
import { formatCoordinates } from '../lib/coordinates';
import { SiteDialog } from './site-dialog';

/** One site in the list, with its edit and delete actions (labels shown from `lg` up). */
export function SiteRow({ site }: { site: Site }) {
  const { t } = useTranslation('sites');
  const remove = useDeleteSite();
  const [confirm, setConfirm] = useState(false);
  const coordinates = site.coordinates
    ? formatCoordinates(site.coordinates, t('compass', { returnObjects: true }))
    : null;
  const none = <span className="text-muted-foreground">—</span>;

  return (
    <TableRow>
      <TableCell className="font-medium">{site.name}</TableCell>
      <TableCell>
        <SiteKindLabel kind={site.kind} />
      </TableCell>
      <TableCell>
        {site.location ?? (coordinates ? null : none)}
        {/* Below `xl` the coordinates column folds in here. */}
        {coordinates ? (
          <div className="text-muted-foreground text-xs whitespace-nowrap tabular-nums xl:hidden">
            {coordinates}
          </div>
        ) : null}
      </TableCell>
      <TableCell className="hidden whitespace-nowrap tabular-nums xl:table-cell">
        {coordinates ?? none}
      </TableCell>
      <TableCell>
        <Badge variant={site.is_active ? 'success' : 'secondary'}>
          {site.is_active ? t('status.active') : t('status.inactive')}
        </Badge>
      </TableCell>
      <TableCell className="text-right whitespace-nowrap">
        <SiteDialog
          site={site}
          trigger={
            <Button variant="ghost" size="sm" aria-label={t('edit_named', { name: site.name })}>
              <Pencil aria-hidden />
              <span className="hidden lg:inline">{t('edit')}</span>
            </Button>
          }
        />
        <ConfirmDialog
          open={confirm}
          onOpenChange={setConfirm}
          trigger={
            <Button
              variant="ghost"
              size="sm"
              className="text-destructive hover:text-destructive"
              aria-label={t('delete_named', { name: site.name })}
            >
              <Trash2 aria-hidden />
              <span className="hidden lg:inline">{t('delete')}</span>
            </Button>
          }
          title={t('delete_title', { name: site.name })}
          description={t('delete_hint')}
          confirmLabel={t('delete')}
          pending={remove.isPending}
          onConfirm={() =>
            remove.mutate(site.id, {
              onSuccess: () => {
                setConfirm(false);
                toast.success(t('deleted', { name: site.name }));
              },
              onError: (error) => toast.error(problemMessage(error)),
            })
          }
        />
      </TableCell>
    </TableRow>
  );
}
