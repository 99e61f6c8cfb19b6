import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

import { useWebhookEndpointOptions } from '../api/get-action-options';
import { Message, SelectField } from './action-fields';

/** One of the company's webhook endpoints, or a link to create one when there is none. */
export function EndpointPicker({
  id,
  value,
  onChange,
  error,
  hint,
  label,
}: {
  id: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  hint: string;
  label: string;
}) {
  const { t } = useTranslation('hooks');
  const endpoints = useWebhookEndpointOptions(true);
  const list = endpoints.data ?? [];
  if (endpoints.isSuccess && list.length === 0) {
    return (
      <div className="grid gap-1.5">
        <p className="text-muted-foreground text-sm">
          <Link to="/admin/webhooks" className="text-primary underline-offset-4 hover:underline">
            {t('actions.endpoint_none')}
          </Link>
        </p>
        <Message id={`${id}-error`} message={error} />
      </div>
    );
  }
  return (
    <SelectField
      id={id}
      label={label}
      error={error}
      hint={hint}
      className="font-mono text-xs"
      value={value}
      onChange={(event) => onChange(event.target.value)}
    >
      <option value="">{t('actions.endpoint_placeholder')}</option>
      {value && !list.some((endpoint) => endpoint.id === value) ? (
        <option value={value}>{value}</option>
      ) : null}
      {list.map((endpoint) => (
        <option key={endpoint.id} value={endpoint.id}>
          {endpoint.description ? `${endpoint.description} — ${endpoint.url}` : endpoint.url}
        </option>
      ))}
    </SelectField>
  );
}
