import { createFileRoute } from '@tanstack/react-router';

import { CalendarPage, calendarSearch } from '@/features/calendar';
import { requirePermission } from '@/lib/auth/permissions';
import { loadNamespace } from '@/lib/i18n';

/** The calendar (menu entry `calendar`); its words and FullCalendar load with this route only. */
export const Route = createFileRoute('/_app/calendar')({
  validateSearch: calendarSearch,
  beforeLoad: ({ context }) => requirePermission(context.queryClient, 'calendar.view.event'),
  loader: () => loadNamespace('calendar'),
  component: function CalendarRoute() {
    const search = Route.useSearch();
    const navigate = Route.useNavigate();
    return (
      <CalendarPage
        search={search}
        onSearchChange={(next) => void navigate({ search: next, replace: true })}
      />
    );
  },
});
