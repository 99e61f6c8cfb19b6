import { getLocales, type Locale } from 'expo-localization';

import { deviceLanguage, i18n } from './index';

// A phone set to German, then French: the app starts in French.
jest.mock('expo-localization', () => ({
  getLocales: jest.fn(() => [{ languageCode: 'de' }, { languageCode: 'fr' }]),
}));

/** The device's preferred languages, in order (`getLocales()` is never empty on a device). */
const deviceLocales = (...codes: (string | null)[]) =>
  jest
    .mocked(getLocales)
    .mockReturnValue(
      codes.map((languageCode) => ({ languageCode }) as Locale) as ReturnType<typeof getLocales>,
    );

describe('i18n', () => {
  it('starts in the device language', () => {
    expect(i18n.language).toBe('fr');
  });

  it('resolves the same key in French and English', async () => {
    await i18n.changeLanguage('fr');
    expect(i18n.t('hse:status.under_investigation')).toBe('En investigation');
    await i18n.changeLanguage('en');
    expect(i18n.t('hse:status.under_investigation')).toBe('Under investigation');
  });

  it('takes the first device language it has, else English', () => {
    deviceLocales('de', 'fr', 'en');
    expect(deviceLanguage()).toBe('fr');
    deviceLocales('es', null);
    expect(deviceLanguage()).toBe('en');
    deviceLocales();
    expect(deviceLanguage()).toBe('en');
  });
});
