import { createFileRoute } from '@tanstack/react-router';

import { PROFILE_TABS, ProfilePage, type ProfileTab } from '@/features/profile';

export const Route = createFileRoute('/_app/profile')({
  validateSearch: (search: Record<string, unknown>): { tab?: ProfileTab } =>
    PROFILE_TABS.includes(search.tab as ProfileTab) ? { tab: search.tab as ProfileTab } : {},
  component: function ProfileRoute() {
    const { tab } = Route.useSearch();
    const navigate = Route.useNavigate();
    return (
      <ProfilePage
        tab={tab ?? 'profile'}
        onTabChange={(next) => void navigate({ search: { tab: next }, replace: true })}
      />
    );
  },
});
