import type * as React from 'react';

import { type Grants } from '@/lib/auth/permissions';
import { loadNamespace } from '@/lib/i18n';
import { TaskWatcherProvider } from '@/lib/tasks/task-watcher-provider';
import { renderSignedIn } from '@/testing/render-signed-in';

// The app's routes load the import/export words; these tests render the pages without them.
await loadNamespace('importExport');

/**
 * `ui` signed in as Camille (Europe/Paris) holding `grants`, inside a router and the
 * signed-in layout's task watcher (which the export button hands its task to).
 */
export function renderImportExport(ui: () => React.ReactNode, grants: Grants = {}) {
  return renderSignedIn(ui, grants, (router) => (
    <TaskWatcherProvider>{router}</TaskWatcherProvider>
  ));
}
