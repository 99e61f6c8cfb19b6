import { SignInScreen } from '@/auth/components/sign-in-screen';

export default SignInScreen;
