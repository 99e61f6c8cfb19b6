import { beforeAll, describe, expect, it } from 'vitest';

import { i18n } from '@/lib/i18n';

import { inspection } from '../testing/lifting';
import { upgradeProblem } from './upgrade-problem';

beforeAll(async () => {
  await i18n.changeLanguage('fr');
});

describe('upgradeProblem', () => {
  it('names the field by its label and the problem in our words', () => {
    expect(
      upgradeProblem(
        {
          field: 'data.serial_number',
          code: 'taken',
          message: 'another record already holds this value',
        },
        inspection,
        'fr',
      ),
    ).toEqual({ field: 'Numéro de série', message: 'Une autre fiche porte déjà cette valeur.' });
  });

  it('takes the new limit from the server’s message, which alone carries it', () => {
    expect(
      upgradeProblem(
        { field: 'data.equipment', code: 'too_long', message: 'must be at most 50 characters' },
        inspection,
        'fr',
      ).message,
    ).toBe('Au plus 50 caractères.');
  });

  it('goes by its code for a field the new version adds, and by the server for a code we do not know', () => {
    expect(
      upgradeProblem(
        { field: 'data.inspector', code: 'invalid_type', message: 'expected a record id' },
        inspection,
        'fr',
      ),
    ).toEqual({ field: 'inspector', message: 'expected a record id' });
  });
});
