import { Redirect } from 'expo-router';

import { useSession } from '@/auth';
import { LoadingScreen } from '@/components/loading-screen';
import { HOME_ROUTE, SIGN_IN_ROUTE } from '@/navigation/routes';

/** The start: sign-in, or the signed-in user's first tab. */
export default function Index() {
  const { status } = useSession();
  if (status === 'loading') return <LoadingScreen />;
  return <Redirect href={status === 'signed-in' ? HOME_ROUTE : SIGN_IN_ROUTE} />;
}
