// The app's routes as `renderRouter` takes them (every route file is imported here once).
import AuthLayout from '../app/(auth)/_layout';
import SignIn from '../app/(auth)/sign-in';
import TabsLayout from '../app/(tabs)/_layout';
import Actions from '../app/(tabs)/actions';
import Inbox from '../app/(tabs)/inbox';
import Incidents from '../app/(tabs)/incidents';
import Profile from '../app/(tabs)/profile';
import Report from '../app/(tabs)/report';
import RootLayout from '../app/_layout';
import ActionRoute from '../app/actions/[id]';
import IncidentRoute from '../app/incidents/[id]';
import Index from '../app/index';

export const routes = {
  _layout: RootLayout,
  index: Index,
  '(auth)/_layout': AuthLayout,
  '(auth)/sign-in': SignIn,
  '(tabs)/_layout': TabsLayout,
  '(tabs)/report': Report,
  '(tabs)/incidents': Incidents,
  '(tabs)/actions': Actions,
  '(tabs)/inbox': Inbox,
  '(tabs)/profile': Profile,
  'incidents/[id]': IncidentRoute,
  'actions/[id]': ActionRoute,
};
