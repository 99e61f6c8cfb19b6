import { createFileRoute } from '@tanstack/react-router';

import { ImportPage, importSearch } from '@/features/import-export';
import { loadNamespace } from '@/lib/i18n';

/**
 * The import wizard (`/imports/new?resource=users`); its words load with it. No permission
 * up front: the page offers only the resources the caller may import, and says so when
 * there is none.
 */
export const Route = createFileRoute('/_app/imports/new')({
  validateSearch: importSearch,
  loader: () => loadNamespace('importExport'),
  component: function ImportRoute() {
    const { resource } = Route.useSearch();
    const navigate = Route.useNavigate();
    return (
      <ImportPage
        resource={resource}
        onResourceChange={(next) =>
          void navigate({ search: next ? { resource: next } : {}, replace: true })
        }
      />
    );
  },
});
