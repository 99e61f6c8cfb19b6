import { useQueryClient } from '@tanstack/react-query';
import * as Notifications from 'expo-notifications';
import { useRouter } from 'expo-router';
import { useEffect } from 'react';
import { Platform } from 'react-native';

import { useSession } from '@/auth';
import { notificationRoute } from '@/navigation/notification-route';

import { registerForPush, registerToken } from './register';

const pushAvailable = Platform.OS !== 'web';

if (pushAvailable) {
  // A push that arrives while the app is open is shown too (the inbox badge updates).
  Notifications.setNotificationHandler({
    handleNotification: () =>
      Promise.resolve({
        shouldShowBanner: true,
        shouldShowList: true,
        shouldPlaySound: true,
        shouldSetBadge: false,
      }),
  });
}

/**
 * Push, for the signed-in user: registers the device after sign-in (and again when the
 * token changes), refreshes the inbox when one arrives, and opens the incident or action
 * a tapped notification names (the inbox's routing, `notificationRoute`).
 */
export function usePushNotifications() {
  const { status } = useSession();
  const router = useRouter();
  const queryClient = useQueryClient();
  const signedIn = status === 'signed-in';

  useEffect(() => {
    if (!pushAvailable || !signedIn) return;
    void registerForPush();
    const tokenChanged = Notifications.addPushTokenListener((token) => {
      if (typeof token.data === 'string') void registerToken(token.data).catch(() => undefined);
    });
    const received = Notifications.addNotificationReceivedListener(() => {
      void queryClient.invalidateQueries({ queryKey: ['notifications'] });
    });
    const open = (response: Notifications.NotificationResponse | null) => {
      if (!response) return;
      const route = notificationRoute({ data: response.notification.request.content.data });
      if (route) router.push(route);
      Notifications.clearLastNotificationResponse();
    };
    // The tap that started the app (cold start), then the ones while it runs.
    open(Notifications.getLastNotificationResponse());
    const tapped = Notifications.addNotificationResponseReceivedListener(open);
    return () => {
      tokenChanged.remove();
      received.remove();
      tapped.remove();
    };
  }, [signedIn, router, queryClient]);
}
