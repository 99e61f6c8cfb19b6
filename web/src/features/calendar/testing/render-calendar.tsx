import type * as React from 'react';

import { type Grants } from '@/lib/auth/permissions';
import { loadNamespace } from '@/lib/i18n';
import { renderSignedIn } from '@/testing/render-signed-in';

// The app's route loads the calendar's words; these tests render its parts without it.
await loadNamespace('calendar');

/** Who sees the calendar and manages events. */
export const manager: Grants = {
  'calendar.view.event': 'company',
  'calendar.manage.event': 'company',
};

/** `ui` signed in as Camille (Europe/Paris) holding `grants`, inside a router. */
export function renderCalendar(ui: () => React.ReactNode, grants: Grants = manager) {
  return renderSignedIn(ui, grants);
}
