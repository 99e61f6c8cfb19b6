import { createFileRoute } from '@tanstack/react-router';

import { loadNamespace } from '@/lib/i18n';

/** Every HSE page: its words are fetched here, not in the first download (bundle budget). */
export const Route = createFileRoute('/_app/hse')({
  loader: () => loadNamespace('hse'),
});
