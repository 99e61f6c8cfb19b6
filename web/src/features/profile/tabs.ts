/** The profile page's tabs, in the URL as `?tab=` (kept apart so the route's search check stays light). */
export const PROFILE_TABS = [
  'profile',
  'security',
  'sessions',
  'notifications',
  'documents',
] as const;
export type ProfileTab = (typeof PROFILE_TABS)[number];
