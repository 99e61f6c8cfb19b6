/**
 * `send_email` actions: their content is an email template (`{template}`) or a written
 * message (`{subject, body}`, each `{fr, en}` or one string for both languages), sent to
 * `recipients` either way. Module packages install the written form.
 */

import { DEFAULT_EMAIL_TEMPLATE, type Config } from './actions';

export const EMAIL_MODES = ['template', 'written'] as const;
export type EmailMode = (typeof EMAIL_MODES)[number];

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const WRITTEN_PARTS = ['subject', 'body'] as const;
export type WrittenPart = (typeof WRITTEN_PARTS)[number];

/** The config keys that hold each form's content (the server reads one form or the other). */
const CONTENT_KEYS: Record<EmailMode, readonly string[]> = {
  template: ['template'],
  written: WRITTEN_PARTS,
};

const isObject = (value: unknown): value is Config =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The form a config is in: written as soon as it has a subject or a body. */
export function emailModeOf(config: Config): EmailMode {
  return config.subject !== undefined || config.body !== undefined ? 'written' : 'template';
}

/** The content keys `config` holds for `mode` (kept aside to restore them on switching back). */
export function emailContent(config: Config, mode: EmailMode): Config {
  return Object.fromEntries(
    Object.entries(config).filter(([key]) => CONTENT_KEYS[mode].includes(key)),
  );
}

function blankContent(mode: EmailMode): Config {
  if (mode === 'template') return { template: DEFAULT_EMAIL_TEMPLATE };
  return { subject: { fr: '', en: '' }, body: { fr: '', en: '' } };
}

/**
 * `config` in `mode`: the other form's keys dropped, `content` (what the user had in that
 * form) or a blank content put in; recipients and any other key kept.
 */
export function withEmailMode(config: Config, mode: EmailMode, content?: Config): Config {
  const rest = Object.fromEntries(
    Object.entries(config).filter(
      ([key]) => !EMAIL_MODES.some((any) => CONTENT_KEYS[any].includes(key)),
    ),
  );
  return { ...rest, ...(content ?? blankContent(mode)) };
}

/** One language's text of a subject or body (a single string serves both languages). */
export function localizedText(value: unknown, language: Language): string {
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value[language] === 'string') return value[language];
  return '';
}

/** A subject or body with one language's text changed: always `{fr, en}` from then on. */
export function withLocalizedText(value: unknown, language: Language, text: string): Config {
  return {
    ...(isObject(value) ? value : {}),
    fr: localizedText(value, 'fr'),
    en: localizedText(value, 'en'),
    [language]: text,
  };
}

/**
 * What the server would refuse for sure in one `send_email` action, before sending:
 * controls (`template`, `subject.fr`, `body.en`…) → i18n keys of the `hooks` namespace.
 */
export function checkEmail(config: Config): Record<string, string> {
  const errors: Record<string, string> = {};
  if (emailModeOf(config) === 'template') {
    if (typeof config.template !== 'string' || !config.template) {
      errors.template = 'codes.required';
    }
    return errors;
  }
  for (const part of WRITTEN_PARTS) {
    for (const language of LANGUAGES) {
      if (!localizedText(config[part], language).trim()) {
        errors[`${part}.${language}`] = 'codes.required';
      }
    }
  }
  return errors;
}
