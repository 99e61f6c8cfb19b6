import Constants from 'expo-constants';
import * as Notifications from 'expo-notifications';
import { Platform } from 'react-native';

import { unwrap } from '@/api/problem';
import { getApiClient } from '@/auth';
import { KEYS, secretStore } from '@/auth/storage';

export type PushRegistration =
  | { registered: true; deviceId: string }
  | { registered: false; reason: 'unsupported' | 'denied' | 'no-token' | 'server' };

/**
 * The server delivers push through Firebase Cloud Messaging with the device's own
 * registration token (`DeviceIn.push_token`: "the FCM registration token"), so the app
 * registers the native token (`getDevicePushTokenAsync`), not an Expo push token. On
 * iOS that token is an APNs token, which FCM cannot use without the Firebase SDK:
 * until the server speaks APNs (or Expo's push service), only Android registers.
 */
function pushPlatform(): 'android' | null {
  return Platform.OS === 'android' ? 'android' : null;
}

async function permitted(): Promise<boolean> {
  const current = await Notifications.getPermissionsAsync();
  if (current.granted) return true;
  if (!current.canAskAgain) return false;
  return (await Notifications.requestPermissionsAsync()).granted;
}

/** Tells the server where to push this user's notifications (`POST /devices`). */
export async function registerToken(token: string): Promise<string> {
  const platform = pushPlatform() ?? 'android';
  const device = unwrap(
    await getApiClient().POST('/api/v1/devices', {
      body: {
        platform,
        push_token: token,
        name: (Constants.deviceName ?? `OpsFlux ${Platform.OS}`).slice(0, 100),
      },
    }),
  );
  await secretStore.set(KEYS.pushDevice, device.id);
  return device.id;
}

/**
 * After sign-in: asks for permission, gets the device's push token and registers it.
 * Skips quietly where push cannot work (web, iOS for now, an emulator without Google
 * services, permission refused); the app works without it.
 */
export async function registerForPush(): Promise<PushRegistration> {
  if (!pushPlatform()) return { registered: false, reason: 'unsupported' };
  try {
    await Notifications.setNotificationChannelAsync('default', {
      name: 'OpsFlux',
      importance: Notifications.AndroidImportance.HIGH,
    });
    if (!(await permitted())) return { registered: false, reason: 'denied' };
  } catch {
    return { registered: false, reason: 'unsupported' };
  }
  let token: string;
  try {
    const device = await Notifications.getDevicePushTokenAsync();
    if (typeof device.data !== 'string' || !device.data) {
      return { registered: false, reason: 'no-token' };
    }
    token = device.data;
  } catch {
    return { registered: false, reason: 'no-token' };
  }
  try {
    return { registered: true, deviceId: await registerToken(token) };
  } catch {
    return { registered: false, reason: 'server' };
  }
}
