import Ionicons from '@expo/vector-icons/Ionicons';
import { Redirect, Tabs } from 'expo-router';
import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';

import { useSession } from '@/auth';
import { LoadingScreen } from '@/components/loading-screen';
import { colors } from '@/components/theme';
import { SIGN_IN_ROUTE } from '@/navigation/routes';
import { useUnreadCount } from '@/notifications/api';

type IconName = ComponentProps<typeof Ionicons>['name'];

/**
 * The tabs, in this order. `report`, `incidents` and `actions` are the report screens'
 * routes (`app/(tabs)/report.tsx`, `incidents…`, `actions…`): a tab shows once its route
 * exists; a folder route (`incidents/_layout.tsx` + `[id].tsx`) keeps the same name.
 */
const TABS: readonly {
  name: 'report' | 'incidents' | 'actions' | 'inbox' | 'profile';
  icon: IconName;
}[] = [
  { name: 'report', icon: 'add-circle-outline' },
  { name: 'incidents', icon: 'warning-outline' },
  { name: 'actions', icon: 'checkbox-outline' },
  { name: 'inbox', icon: 'notifications-outline' },
  { name: 'profile', icon: 'person-circle-outline' },
];

/** The signed-in app: a tab bar; signed-out users go to sign-in. */
export default function TabsLayout() {
  const { t } = useTranslation();
  const { status } = useSession();
  const unread = useUnreadCount(status === 'signed-in');
  if (status === 'loading') return <LoadingScreen />;
  if (status === 'signed-out') return <Redirect href={SIGN_IN_ROUTE} />;
  return (
    <Tabs screenOptions={{ tabBarActiveTintColor: colors.primary }}>
      {TABS.map(({ name, icon }) => (
        <Tabs.Screen
          key={name}
          name={name}
          options={{
            title: t(`tabs.${name}`),
            tabBarIcon: ({ color, size }) => <Ionicons name={icon} color={color} size={size} />,
            ...(name === 'inbox' && unread.data
              ? { tabBarBadge: unread.data > 99 ? '99+' : unread.data }
              : {}),
          }}
        />
      ))}
    </Tabs>
  );
}
