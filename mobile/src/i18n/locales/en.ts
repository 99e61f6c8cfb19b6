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
  errors: {
    unexpected: 'Something unexpected happened. Try again.',
    field: {
      required: 'This field is required.',
      email: 'Enter a valid email address.',
      too_long: 'Too long.',
    },
    code: {
      network_error: 'The server does not answer. Check your connection and try again.',
      unexpected_response: 'Unexpected answer from the server. Try again.',
      internal_error: 'Server error. Try again; if it persists, report it.',
      invalid_credentials: 'Wrong email address or password.',
      account_disabled: 'This account is disabled.',
      company_disabled: 'Your company’s workspace is disabled.',
      rate_limited: 'Too many attempts. Wait a little before trying again.',
      permission_denied: 'Your permissions do not allow this.',
      revision_mismatch: 'This record changed meanwhile: reload it and check before trying again.',
      illegal_transition: 'This step is no longer possible: the record changed meanwhile.',
    },
  },
};
