import { useTranslation } from 'react-i18next';

import { useEmailTemplateOptions } from '../api/get-action-options';
import { recipientList } from '../lib/actions';
import { SelectField, text, type EditorProps } from './action-fields';
import { RecipientsInput } from './recipients-input';

export function EmailEditor({ id, config, set, fields, error }: EditorProps) {
  const { t } = useTranslation('hooks');
  const templates = useEmailTemplateOptions(true);
  const current = text(config.template);
  const names = templates.data?.map((template) => template.name) ?? [];
  const describe = new Map(
    templates.data?.map((template) => [template.name, template.description]),
  );
  return (
    <div className="grid gap-4">
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
