import { createFileRoute } from '@tanstack/react-router';

import { RecordDetailPage } from '@/features/modules';

export const Route = createFileRoute('/_app/m/$module/$recordType/$id')({
  component: function RecordDetailRoute() {
    const { module, recordType, id } = Route.useParams();
    return <RecordDetailPage key={id} module={module} recordType={recordType} id={id} />;
  },
});
