import { createFileRoute } from '@tanstack/react-router';

import { JobsPage } from '@/features/import-export';
import { loadNamespace } from '@/lib/i18n';

/** The caller's own tasks (imports, exports, reports): every signed-in user has some. */
export const Route = createFileRoute('/_app/jobs')({
  loader: () => loadNamespace('importExport'),
  component: JobsPage,
});
