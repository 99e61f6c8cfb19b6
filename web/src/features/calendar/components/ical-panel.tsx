import { CalendarSync, Copy, Link2, Link2Off } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import {
  Sheet,
  SheetContent,
  SheetDescription,
  SheetHeader,
  SheetTitle,
  SheetTrigger,
} from '@/components/ui/sheet';
import { Skeleton } from '@/components/ui/skeleton';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useFormat } from '@/lib/i18n/format';

import { useCreateFeed } from '../api/create-feed';
import { useFeed } from '../api/get-feed';
import { useRevokeFeed } from '../api/revoke-feed';
import type { FeedCreated } from '../api/types';
import { CalendarError } from './calendar-states';

/** The new link, shown this once, with a copy button and where to paste it. */
function NewLink({ created }: { created: FeedCreated }) {
  const { t } = useTranslation('calendar');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(created.url);
      toast.success(t('ical_panel.copied'));
    } catch {
      toast.error(t('ical_panel.copy_failed'));
    }
  };
  return (
    <div className="grid gap-3 rounded-md border border-emerald-200 bg-emerald-50 p-3">
      <Label htmlFor="ical-url">{t('ical_panel.url')}</Label>
      <div className="flex gap-2">
        <Input
          id="ical-url"
          readOnly
          value={created.url}
          className="bg-background font-mono text-xs"
          onFocus={(event) => event.target.select()}
        />
        <Button type="button" onClick={() => void copy()}>
          <Copy aria-hidden />
          {t('ical_panel.copy')}
        </Button>
      </div>
      <p className="text-sm font-medium text-emerald-900">{t('ical_panel.shown_once')}</p>
      <div className="grid gap-1 text-sm">
        <p className="font-medium">{t('ical_panel.how_title')}</p>
        <ul className="text-muted-foreground list-disc space-y-1 pl-5">
          <li>{t('ical_panel.how_outlook')}</li>
          <li>{t('ical_panel.how_google')}</li>
        </ul>
      </div>
    </div>
  );
}

function FeedBody() {
  const { t } = useTranslation('calendar');
  const format = useFormat();
  const feed = useFeed();
  const create = useCreateFeed();
  const revoke = useRevokeFeed();
  const [created, setCreated] = useState<FeedCreated | null>(null);
  const [confirming, setConfirming] = useState(false);

  const onCreate = async () => {
    try {
      setCreated(await create.mutateAsync());
    } catch (error) {
      toast.error(problemMessage(error));
    }
  };
  const onRevoke = async () => {
    try {
      await revoke.mutateAsync();
      setCreated(null);
      setConfirming(false);
      toast.success(t('ical_panel.revoked'));
    } catch (error) {
      toast.error(problemMessage(error));
    }
  };

  if (feed.isPending) return <Skeleton className="h-16" />;
  if (feed.isError) return <CalendarError error={feed.error} onRetry={() => void feed.refetch()} />;
  const { active, created_at, last_used_at } = feed.data;
  return (
    <div className="grid gap-4">
      <div className="flex items-start gap-3 text-sm" role="status">
        {active ? (
          <Link2 className="mt-0.5 size-5 shrink-0 text-emerald-700" aria-hidden />
        ) : (
          <Link2Off className="text-muted-foreground mt-0.5 size-5 shrink-0" aria-hidden />
        )}
        <div className="grid gap-0.5">
          <p className="font-medium">
            {active
              ? t('ical_panel.active', { date: format.date(created_at) })
              : t('ical_panel.inactive')}
          </p>
          {active ? (
            <p className="text-muted-foreground">
              {last_used_at
                ? t('ical_panel.last_used', { when: format.relative(last_used_at) })
                : t('ical_panel.never_used')}
            </p>
          ) : null}
        </div>
      </div>
      {created ? <NewLink created={created} /> : null}
      <div className="grid gap-2">
        <div className="flex flex-wrap gap-2">
          <Button pending={create.isPending} onClick={() => void onCreate()}>
            <CalendarSync aria-hidden />
            {active ? t('ical_panel.replace') : t('ical_panel.create')}
          </Button>
          {active ? (
            <Button variant="outline" onClick={() => setConfirming(true)}>
              {t('ical_panel.revoke')}
            </Button>
          ) : null}
        </div>
        {active && !created ? (
          <p className="text-muted-foreground text-xs">{t('ical_panel.replace_hint')}</p>
        ) : null}
      </div>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t('ical_panel.revoke_title')}
        description={t('ical_panel.revoke_hint')}
        confirmLabel={t('ical_panel.revoke')}
        pending={revoke.isPending}
        onConfirm={() => void onRevoke()}
      />
    </div>
  );
}

/** "My iCal link": whether one is active, a new one (shown once), or revoking it. */
export function IcalPanel() {
  const { t } = useTranslation('calendar');
  return (
    <Sheet>
      <SheetTrigger asChild>
        <Button variant="outline">
          <CalendarSync aria-hidden />
          {t('ical')}
        </Button>
      </SheetTrigger>
      <SheetContent>
        <SheetHeader>
          <SheetTitle>{t('ical_panel.title')}</SheetTitle>
          <SheetDescription>{t('ical_panel.description')}</SheetDescription>
        </SheetHeader>
        {/* Mounted while open only: a link shown once is gone when the panel closes. */}
        <div className="overflow-y-auto p-4">
          <FeedBody />
        </div>
      </SheetContent>
    </Sheet>
  );
}
