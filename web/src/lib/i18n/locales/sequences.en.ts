import type { frSequences } from './sequences.fr';

type Shape<T> = { [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

/** English strings of the Numbering page; same shape as `sequences.fr.ts`. */
export const enSequences: Shape<typeof frSequences> = {
  title: 'Numbering',
  description:
    'The format of the numbers records get (incidents, actions…): prefix, digits, and when they start again at 1.',
  columns: {
    label: 'Sequence',
    code: 'Code',
    preview: 'Next number',
    period: 'Starts again',
    last: 'Last used',
    actions: 'Actions',
  },
  period: {
    year: 'Every year',
    month: 'Every month',
    none: 'Never',
  },
  period_current: 'Current period: {{key}}',
  never_used: 'None yet',
  edit: 'Edit',
  edit_named: 'Edit the numbering of {{label}}',
  dialog: {
    title: 'Numbering: {{label}}',
    description: 'A new format applies to the next numbers; numbers already given keep theirs.',
    prefix: 'Prefix',
    prefix_hint: '1 to 12 characters: capital letters, digits, - and _.',
    padding: 'Digits',
    padding_hint: 'The number is padded with zeros on the left (1 to 12).',
    period: 'Starts again at 1',
    next_value: 'Next value',
    next_value_hint: 'Only moves forward: above {{last}}, the last value used.',
    preview: 'Preview of the next number',
    saved: 'Numbering of {{label}} saved.',
  },
  errors: {
    prefix: 'Capital letters A-Z, digits, - and _; 1 to 12 characters.',
    padding: 'Between 1 and 12 digits.',
    next_value_min: 'Must be above {{last}}, the last value used.',
    next_value_max: 'At most 12 digits.',
    integer: 'Enter a whole number.',
  },
  empty: {
    title: 'No numbering yet',
    what: 'Records get a readable number without gaps, per company and period: for example INC-2026-00043 for the 43rd incident of 2026.',
    who: 'Modules declare their sequences: once a module such as HSE is enabled, its numbering shows here, and you can choose its prefix, digits and when it starts again at 1.',
  },
};
