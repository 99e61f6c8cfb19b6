import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

import { Label } from '@/components/ui/label';
import { cn } from '@/lib/utils';

import { useEmailTemplateOptions } from '../api/get-action-options';
import { recipientList, type Config } from '../lib/actions';
import {
  EMAIL_MODES,
  emailContent,
  emailModeOf,
  LANGUAGES,
  localizedText,
  withEmailMode,
  withLocalizedText,
  WRITTEN_PARTS,
  type EmailMode,
} from '../lib/email';
import { templateFields } from '../lib/schema-fields';
import { Message, SelectField, text, type EditorProps } from './action-fields';
import { RecipientsInput } from './recipients-input';
import { TemplateInput } from './template-input';

/** Template or written message: one radio per form, the config's form checked. */
function EmailModeChoice({
  id,
  mode,
  onChange,
}: {
  id: string;
  mode: EmailMode;
  onChange: (mode: EmailMode) => void;
}) {
  const { t } = useTranslation('hooks');
  return (
    <fieldset className="grid gap-2">
      <legend className="mb-1 text-sm font-medium">{t('actions.email_content')}</legend>
      <div className="flex flex-wrap gap-x-5 gap-y-2">
        {EMAIL_MODES.map((choice) => (
          <div key={choice} className="flex items-center gap-2">
            <input
              type="radio"
              id={`${id}-mode-${choice}`}
              name={`${id}-mode`}
              className="accent-primary size-4"
              checked={mode === choice}
              onChange={() => onChange(choice)}
            />
            <Label htmlFor={`${id}-mode-${choice}`} className="font-normal">
              {t(`actions.email_modes.${choice}`)}
            </Label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}

/** One of the email templates, described under the select. */
function TemplateContent({ id, config, set, error }: EditorProps) {
  const { t } = useTranslation('hooks');
  const templates = useEmailTemplateOptions(true);
  const current = text(config.template);
  const names = templates.data?.map((template) => template.name) ?? [];
  const describe = new Map(
    templates.data?.map((template) => [template.name, template.description]),
  );
  return (
    <SelectField
      id={`${id}-template`}
      label={t('actions.template')}
      error={error('template')}
      hint={describe.get(current)}
      value={current}
      onChange={(event) => set('template', event.target.value)}
    >
      <option value="">{t('actions.template_placeholder')}</option>
      {[...new Set([...names, ...(current ? [current] : [])])].map((name) => (
        <option key={name} value={name}>
          {name}
        </option>
      ))}
    </SelectField>
  );
}

/** The subject and the body in each language, with the event's fields to insert. */
function WrittenContent({ id, config, set, fields, error }: EditorProps) {
  const { t } = useTranslation('hooks');
  const quoted = templateFields(fields);
  const bodyInput = { multiline: true, rows: 6, hint: t('actions.email_body_hint') };
  return WRITTEN_PARTS.map((part) => (
    <div key={part} className="grid gap-1.5">
      <div className={cn('grid gap-4', part === 'subject' && 'sm:grid-cols-2')}>
        {LANGUAGES.map((language) => (
          <TemplateInput
            key={language}
            id={`${id}-${part}-${language}`}
            label={t(`actions.email_${part}`, {
              language: t(`actions.email_languages.${language}`),
            })}
            value={localizedText(config[part], language)}
            onChange={(value) => set(part, withLocalizedText(config[part], language, value))}
            fields={quoted}
            error={error(`${part}.${language}`)}
            {...(part === 'body' ? bodyInput : {})}
          />
        ))}
      </div>
      {/* The part as a whole: a single string refused, or a language without an input. */}
      <Message id={`${id}-${part}-error`} message={error(part)} />
    </div>
  ));
}

/** `send_email`: an email template or a written message, to the recipients. */
export function EmailEditor(props: EditorProps) {
  const { id, config, update, set, fields, error } = props;
  const mode = emailModeOf(config);
  // Each form's content as it was when left, so that switching back loses no text.
  const left = useRef<Partial<Record<EmailMode, Config>>>({});
  const switchTo = (next: EmailMode) => {
    left.current[mode] = emailContent(config, mode);
    update(withEmailMode(config, next, left.current[next]));
  };
  return (
    <div className="grid gap-4">
      <EmailModeChoice id={id} mode={mode} onChange={switchTo} />
      {mode === 'template' ? <TemplateContent {...props} /> : <WrittenContent {...props} />}
      <RecipientsInput
        id={`${id}-recipients`}
        value={recipientList(config.recipients)}
        onChange={(value) => set('recipients', value)}
        fields={fields}
        error={error('recipients')}
      />
    </div>
  );
}
