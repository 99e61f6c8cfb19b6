import type { frTranslations } from './translations.fr';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English strings of the translations screen; same shape as `translations.fr.ts`. */
export const enTranslations: Shape<typeof frTranslations> = {
  title: 'Translations',
  description:
    'The app’s words for your company: replace a label in French or English, or go back to the original text.',
  search: 'Search a key or a text',
  only_mine: 'Only my changes',
  columns: {
    key: 'Key',
    fr: 'French',
    en: 'English',
    actions: 'Actions',
  },
  default: 'Default:',
  default_named: 'Default text: {{text}}',
  yours: 'Your text',
  field_label: '{{language}} for {{key}}',
  placeholder: 'Default text',
  overridden: 'Changed',
  keep_placeholders: 'Keep: {{names}}',
  missing_placeholders: 'Keep {{names}}: they are replaced with values.',
  extra_placeholders: '{{names}} is not in the default text.',
  save: 'Save',
  save_named: 'Save {{key}}',
  reset: 'Original text',
  reset_named: 'Back to the original text for {{key}}',
  saved: 'Translation of {{key}} saved.',
  reset_done: '{{key}} is back to its original text.',
  empty: 'No keys',
  empty_filtered: 'No key matches: widen the search.',
  empty_mine: 'You have not changed any text.',
  count_one: '{{count}} key',
  count_other: '{{count}} keys',
  show_more: 'Show {{count}} more',
  errors: {
    blank: 'The text cannot be empty.',
    placeholders: 'Keep the same variables as the default text.',
  },
};
