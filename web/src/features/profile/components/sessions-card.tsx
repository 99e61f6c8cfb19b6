import { LogOut, MonitorSmartphone } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { ConfirmDialog } from '@/components/confirm-dialog';
import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
} from '@/components/ui/table';
import { problemMessage } from '@/lib/forms/apply-problem';
import { useFormat } from '@/lib/i18n/format';

import { useSessions, type Session } from '../api/get-sessions';
import { useRevokeSessions } from '../api/revoke-session';

const COLUMNS = 4;

/** The account's live sessions; sign one out, or all but this one. */
export function SessionsCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const sessions = useSessions();
  const revoke = useRevokeSessions();
  const [confirmAll, setConfirmAll] = useState(false);
  const others = (sessions.data ?? []).filter((session) => !session.current);

  const revokeIds = (ids: string[], done: string) =>
    revoke.mutate(ids, {
      onSuccess: () => {
        setConfirmAll(false);
        toast.success(done);
      },
      onError: (error) => toast.error(problemMessage(error)),
    });

  return (
    <Card>
      <CardHeader>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <div className="grid gap-1.5">
            <CardTitle>{t('profile.sessions.title')}</CardTitle>
            <CardDescription>{t('profile.sessions.description')}</CardDescription>
          </div>
          <ConfirmDialog
            open={confirmAll}
            onOpenChange={setConfirmAll}
            trigger={
              <Button variant="outline" disabled={others.length === 0}>
                <LogOut aria-hidden />
                {t('profile.sessions.sign_out_others')}
              </Button>
            }
            title={t('profile.sessions.sign_out_others')}
            description={t('profile.sessions.sign_out_others_hint', { count: others.length })}
            confirmLabel={t('profile.sessions.sign_out_others')}
            pending={revoke.isPending}
            onConfirm={() =>
              revokeIds(
                others.map((session) => session.id),
                t('profile.sessions.others_signed_out', { count: others.length }),
              )
            }
          />
        </div>
      </CardHeader>
      <CardContent className="px-0 sm:px-6">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('profile.sessions.device')}</TableHead>
              <TableHead>{t('profile.sessions.ip')}</TableHead>
              <TableHead>{t('profile.sessions.last_seen')}</TableHead>
              <TableHead className="text-right">
                <span className="sr-only">{t('common.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {sessions.isPending ? (
              <TableSkeleton columns={COLUMNS} />
            ) : sessions.isError ? (
              <FullRow columns={COLUMNS}>
                <ErrorState error={sessions.error} onRetry={() => void sessions.refetch()} />
              </FullRow>
            ) : sessions.data.length === 0 ? (
              <FullRow columns={COLUMNS}>
                <EmptyState icon={MonitorSmartphone} title={t('profile.sessions.empty')} />
              </FullRow>
            ) : (
              sessions.data.map((session) => (
                <SessionRow
                  key={session.id}
                  session={session}
                  lastSeen={format.relative(session.last_seen_at)}
                  lastSeenExact={format.dateTime(session.last_seen_at)}
                  pending={revoke.isPending && revoke.variables.includes(session.id)}
                  onRevoke={() => revokeIds([session.id], t('profile.sessions.signed_out'))}
                />
              ))
            )}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}

function SessionRow({
  session,
  lastSeen,
  lastSeenExact,
  pending,
  onRevoke,
}: {
  session: Session;
  lastSeen: string;
  lastSeenExact: string;
  pending: boolean;
  onRevoke: () => void;
}) {
  const { t } = useTranslation();
  const device = session.device_name || session.user_agent || t('profile.sessions.unknown_device');
  return (
    <TableRow>
      <TableCell>
        <div className="flex flex-wrap items-center gap-2">
          <span className="max-w-64 truncate font-medium" title={session.user_agent ?? undefined}>
            {device}
          </span>
          {session.current ? (
            <Badge variant="success">{t('profile.sessions.current')}</Badge>
          ) : null}
        </div>
      </TableCell>
      <TableCell className="font-mono text-xs">{session.ip ?? '—'}</TableCell>
      <TableCell>
        <time dateTime={session.last_seen_at} title={lastSeenExact}>
          {lastSeen}
        </time>
      </TableCell>
      <TableCell className="text-right">
        {session.current ? null : (
          <Button
            variant="ghost"
            size="sm"
            pending={pending}
            onClick={onRevoke}
            aria-label={t('profile.sessions.revoke_named', { device })}
          >
            {t('profile.sessions.revoke')}
          </Button>
        )}
      </TableCell>
    </TableRow>
  );
}
