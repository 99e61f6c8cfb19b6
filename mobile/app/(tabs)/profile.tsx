import { ProfileScreen } from '@/profile/profile-screen';

export default ProfileScreen;
