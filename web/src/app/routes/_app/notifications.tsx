import { createFileRoute } from '@tanstack/react-router';

import { NotificationsPage, notificationSearch } from '@/features/notifications';

export const Route = createFileRoute('/_app/notifications')({
  validateSearch: notificationSearch,
  component: function NotificationsRoute() {
    const { view, category } = Route.useSearch();
    const navigate = Route.useNavigate();
    return (
      <NotificationsPage
        view={view ?? 'all'}
        category={category}
        onChange={(next) =>
          void navigate({
            search: notificationSearch({ view: next.view, category: next.category }),
            replace: true,
          })
        }
      />
    );
  },
});
