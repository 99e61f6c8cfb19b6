// The auth feature's public face: what routes and other features may import.
export { SignInPage } from './components/sign-in-page';
export { ForgotPasswordPage } from './components/forgot-password-page';
export { NewPasswordPage } from './components/new-password-page';
export { useSignOut } from './api/sign-out';
