import type { fr } from './fr';
import type { Shape } from './shape';

/** English, same shape as `fr.ts`. */
export const en: Shape<typeof fr> = {
  app: {
    name: 'OpsFlux',
    tagline: 'In the field: report and follow up, even offline.',
  },
  common: {
    cancel: 'Cancel',
    close: 'Close',
    retry: 'Try again',
    save: 'Save',
    loading: 'Loading…',
  },
  languages: { fr: 'Français', en: 'English' },
  auth: {
    fields: {
      email: 'Email address',
      password: 'Password',
    },
    sign_in: {
      title: 'Sign in',
      description: 'Sign in with your work email address.',
      submit: 'Sign in',
    },
    server: {
      toggle: 'Server',
      label: 'Server address',
      hint: 'Your site’s, from your administrator (http://… or https://…).',
      invalid: 'Enter an http:// or https:// address, such as https://opsflux.example.com.',
    },
    mfa: {
      title: 'Two-step verification',
      method: 'Verification method',
      methods: { totp: 'App', sms: 'SMS', recovery: 'Recovery code' },
      describe: {
        totp: 'Enter the 6-digit code shown by your authenticator app.',
        sms: 'Enter the 6-digit code we sent you by SMS.',
        recovery: 'Enter one of your recovery codes (each works once).',
      },
      code_label: '6-digit code',
      recovery_label: 'Recovery code',
      resend: 'Send the code again',
      sms_sent: 'Code sent by SMS.',
      trust_device: 'Trust this device',
      trust_device_hint: 'No code will be asked on this device for 30 days.',
      submit: 'Verify',
      back: 'Use another account',
    },
  },
  tabs: {
    report: 'Report',
    incidents: 'Incidents',
    actions: 'Actions',
    inbox: 'Notifications',
    profile: 'Profile',
  },
  inbox: {
    title: 'Notifications',
    empty: 'No notifications yet.',
    error: 'The notifications could not be loaded.',
    mark_all_read: 'Mark all as read',
    unread: 'Unread',
    load_more: 'Show more',
  },
  profile: {
    title: 'Profile',
    company: 'Company',
    language: 'Language',
    server: 'Server',
    version: 'App version',
    sign_out: 'Sign out',
    language_not_saved: 'Language changed on this device; the server did not save it.',
  },
  errors: {
    unexpected: 'Something unexpected happened. Try again.',
    field: {
      required: 'This field is required.',
      email: 'Enter a valid email address.',
      too_long: 'Too long.',
      recovery_code: 'A recovery code reads xxxx-xxxx.',
      six_digits: 'Enter the 6 digits.',
    },
    code: {
      network_error: 'The server does not answer. Check your connection and try again.',
      unexpected_response: 'Unexpected answer from the server. Try again.',
      internal_error: 'Server error. Try again; if it persists, report it.',
      invalid_credentials: 'Wrong email address or password.',
      account_disabled: 'This account is disabled.',
      company_disabled: 'Your company’s workspace is disabled.',
      rate_limited: 'Too many attempts. Wait a little before trying again.',
      invalid_code: 'Wrong code.',
      mfa_token_invalid: 'The verification expired or failed too many times. Sign in again.',
      invalid_refresh_token: 'Your session has ended. Sign in again.',
      session_expired: 'Your session has ended. Sign in again.',
      permission_denied: 'Your permissions do not allow this.',
      revision_mismatch: 'This record changed meanwhile: reload it and check before trying again.',
      illegal_transition: 'This step is no longer possible: the record changed meanwhile.',
    },
  },
};
