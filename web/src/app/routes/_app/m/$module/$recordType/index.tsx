import { createFileRoute } from '@tanstack/react-router';

import { RecordListPage } from '@/features/modules';
import { loadNamespace } from '@/lib/i18n';

// The record type's own permissions are checked by its API (a 403 draws the page).
export const Route = createFileRoute('/_app/m/$module/$recordType/')({
  // The import and export buttons' words.
  loader: () => loadNamespace('importExport'),
  component: function RecordListRoute() {
    const { module, recordType } = Route.useParams();
    return (
      <RecordListPage key={`${module}.${recordType}`} module={module} recordType={recordType} />
    );
  },
});
