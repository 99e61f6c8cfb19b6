import { createFileRoute } from '@tanstack/react-router';

import { RecordListPage } from '@/features/modules';

// The record type's own permissions are checked by its API (a 403 draws the page).
export const Route = createFileRoute('/_app/m/$module/$recordType/')({
  component: function RecordListRoute() {
    const { module, recordType } = Route.useParams();
    return (
      <RecordListPage key={`${module}.${recordType}`} module={module} recordType={recordType} />
    );
  },
});
