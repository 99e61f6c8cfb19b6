export { ProfilePage } from './components/profile-page';
export { PROFILE_TABS, type ProfileTab } from './tabs';
export { useUpdateProfile } from './api/update-profile';
