import { Redirect, Stack } from 'expo-router';

import { useSession } from '@/auth';
import { HOME_ROUTE } from '@/navigation/routes';

/** The sign-in stack, for signed-out users only. */
export default function AuthLayout() {
  const { status } = useSession();
  if (status === 'signed-in') return <Redirect href={HOME_ROUTE} />;
  return <Stack screenOptions={{ headerShown: false }} />;
}
