import { ShieldCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { EmptyState, ErrorState, FullRow, TableSkeleton } from '@/components/data/list-states';
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

import { useTrustedDevices } from '../api/get-trusted-devices';
import { useRevokeTrustedDevice } from '../api/revoke-trusted-device';

const COLUMNS = 4;

/** Devices that skip the second factor for 30 days; stop trusting one. */
export function TrustedDevicesCard() {
  const { t } = useTranslation();
  const format = useFormat();
  const devices = useTrustedDevices();
  const revoke = useRevokeTrustedDevice();

  return (
    <Card>
      <CardHeader>
        <CardTitle>{t('profile.devices.title')}</CardTitle>
        <CardDescription>{t('profile.devices.description')}</CardDescription>
      </CardHeader>
      <CardContent className="px-0 sm:px-6">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>{t('profile.devices.name')}</TableHead>
              <TableHead>{t('profile.devices.last_used')}</TableHead>
              <TableHead>{t('profile.devices.expires')}</TableHead>
              <TableHead className="text-right">
                <span className="sr-only">{t('common.actions')}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {devices.isPending ? (
              <TableSkeleton columns={COLUMNS} />
            ) : devices.isError ? (
              <FullRow columns={COLUMNS}>
                <ErrorState error={devices.error} onRetry={() => void devices.refetch()} />
              </FullRow>
            ) : devices.data.length === 0 ? (
              <FullRow columns={COLUMNS}>
                <EmptyState
                  icon={ShieldCheck}
                  title={t('profile.devices.empty')}
                  hint={t('profile.devices.empty_hint')}
                />
              </FullRow>
            ) : (
              devices.data.map((device) => (
                <TableRow key={device.id}>
                  <TableCell className="font-medium">{device.name}</TableCell>
                  <TableCell>{format.dateTime(device.last_used_at)}</TableCell>
                  <TableCell>{format.date(device.expires_at)}</TableCell>
                  <TableCell className="text-right">
                    <Button
                      variant="ghost"
                      size="sm"
                      pending={revoke.isPending && revoke.variables === device.id}
                      aria-label={t('profile.devices.revoke_named', { device: device.name })}
                      onClick={() =>
                        revoke.mutate(device.id, {
                          onSuccess: () => toast.success(t('profile.devices.revoked')),
                          onError: (error) => toast.error(problemMessage(error)),
                        })
                      }
                    >
                      {t('profile.devices.revoke')}
                    </Button>
                  </TableCell>
                </TableRow>
              ))
            )}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
