import { Bell, FileText, KeyRound, MonitorSmartphone, UserRound } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { PageBody, PageHeader } from '@/components/layout/page-header';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { Attachments } from '@/features/files';
import { NotificationPreferencesCard } from '@/features/notifications';
import { useMe } from '@/lib/auth/me';

import type { ProfileTab } from '../tabs';
import { ChangePasswordCard } from './change-password-card';
import { ProfileCard } from './profile-card';
import { SessionsCard } from './sessions-card';
import { SmsCard } from './sms-card';
import { TotpCard } from './totp-card';
import { TrustedDevicesCard } from './trusted-devices-card';

/**
 * Profile, password, second factors, sessions and trusted devices, and notification
 * preferences, and documents of the signed-in user.
 */
export function ProfilePage({
  tab,
  onTabChange,
}: {
  tab: ProfileTab;
  onTabChange: (tab: ProfileTab) => void;
}) {
  const { t } = useTranslation();
  const { t: tf } = useTranslation('files');
  const me = useMe();
  return (
    <PageBody>
      <PageHeader title={t('profile.title')} description={t('profile.description')} />
      {/* min-w-0: the grid lets the tab list scroll sideways when the window is narrow. */}
      <Tabs
        className="min-w-0"
        value={tab}
        onValueChange={(value) => onTabChange(value as ProfileTab)}
      >
        <TabsList>
          <TabsTrigger value="profile">
            <UserRound aria-hidden />
            {t('profile.tabs.profile')}
          </TabsTrigger>
          <TabsTrigger value="security">
            <KeyRound aria-hidden />
            {t('profile.tabs.security')}
          </TabsTrigger>
          <TabsTrigger value="sessions">
            <MonitorSmartphone aria-hidden />
            {t('profile.tabs.sessions')}
          </TabsTrigger>
          <TabsTrigger value="notifications">
            <Bell aria-hidden />
            {t('profile.tabs.notifications')}
          </TabsTrigger>
          <TabsTrigger value="documents">
            <FileText aria-hidden />
            {t('profile.tabs.documents')}
          </TabsTrigger>
        </TabsList>
        <TabsContent value="profile" className="grid gap-6 lg:grid-cols-2">
          <ProfileCard />
          <ChangePasswordCard />
        </TabsContent>
        <TabsContent value="security" className="grid gap-6 lg:grid-cols-2">
          <TotpCard />
          <SmsCard />
        </TabsContent>
        <TabsContent value="sessions" className="grid gap-6">
          <SessionsCard />
          <TrustedDevicesCard />
        </TabsContent>
        <TabsContent value="notifications" className="grid gap-6">
          <NotificationPreferencesCard />
        </TabsContent>
        <TabsContent value="documents" className="grid gap-6">
          {/* The person themself may change their documents. */}
          <Attachments
            model="user"
            recordId={me.user.id}
            canChange
            description={tf('documents.description')}
          />
        </TabsContent>
      </Tabs>
    </PageBody>
  );
}
