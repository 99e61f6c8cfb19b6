import {
  checkEmail,
  emailContent,
  emailModeOf,
  localizedText,
  withEmailMode,
  withLocalizedText,
} from './email';

const written = {
  subject: { fr: 'Inspection due : {data.equipment}', en: 'Inspection due: {data.equipment}' },
  body: { fr: 'Bonjour,\n\nÀ faire.', en: 'Hello,\n\nTo do.' },
  recipients: ['role:hse_manager'],
};

describe('send_email content', () => {
  it('is written as soon as a subject or a body is there', () => {
    expect(emailModeOf(written)).toBe('written');
    expect(emailModeOf({ body: 'Hello', recipients: [] })).toBe('written');
    expect(emailModeOf({ template: 'notification_email', recipients: [] })).toBe('template');
    expect(emailModeOf({})).toBe('template');
  });

  it('switches form by replacing the content keys, keeping the recipients', () => {
    const asTemplate = withEmailMode(written, 'template');
    expect(asTemplate).toEqual({
      template: 'notification_email',
      recipients: ['role:hse_manager'],
    });
    expect(withEmailMode(asTemplate, 'written')).toEqual({
      subject: { fr: '', en: '' },
      body: { fr: '', en: '' },
      recipients: ['role:hse_manager'],
    });
  });

  it('puts back the content a form had', () => {
    const kept = emailContent(written, 'written');
    expect(kept).toEqual({ subject: written.subject, body: written.body });
    expect(withEmailMode(withEmailMode(written, 'template'), 'written', kept)).toEqual(written);
  });

  it('reads a single string in both languages, and writes both once edited', () => {
    expect(localizedText('Due: {data.equipment}', 'fr')).toBe('Due: {data.equipment}');
    expect(localizedText('Due: {data.equipment}', 'en')).toBe('Due: {data.equipment}');
    expect(localizedText({ fr: 'Échéance' }, 'en')).toBe('');
    expect(withLocalizedText('Due', 'fr', 'Échéance')).toEqual({ fr: 'Échéance', en: 'Due' });
    expect(withLocalizedText({ fr: 'a', en: 'b', de: 'c' }, 'en', 'B')).toEqual({
      fr: 'a',
      en: 'B',
      de: 'c',
    });
  });

  it('requires a template, or each language of the subject and the body', () => {
    expect(checkEmail({ template: '', recipients: [] })).toEqual({ template: 'codes.required' });
    expect(checkEmail(written)).toEqual({});
    expect(checkEmail({ subject: 'Due', body: { fr: 'Texte', en: ' ' } })).toEqual({
      'body.en': 'codes.required',
    });
    expect(checkEmail({ subject: { fr: 'Objet' } })).toEqual({
      'subject.en': 'codes.required',
      'body.fr': 'codes.required',
      'body.en': 'codes.required',
    });
  });
});
