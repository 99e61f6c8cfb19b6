// The app's routes as `renderRouter` takes them (every route file is imported here once).
import AuthLayout from '../app/(auth)/_layout';
import SignIn from '../app/(auth)/sign-in';
import TabsLayout from '../app/(tabs)/_layout';
import Inbox from '../app/(tabs)/inbox';
import Profile from '../app/(tabs)/profile';
import RootLayout from '../app/_layout';
import Index from '../app/index';

export const routes = {
  _layout: RootLayout,
  index: Index,
  '(auth)/_layout': AuthLayout,
  '(auth)/sign-in': SignIn,
  '(tabs)/_layout': TabsLayout,
  '(tabs)/inbox': Inbox,
  '(tabs)/profile': Profile,
  // Stand-ins for the report screens' detail routes, so a tap can land somewhere.
  'incidents/[id]': () => null,
  'actions/[id]': () => null,
};
