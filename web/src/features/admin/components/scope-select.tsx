import { useTranslation } from 'react-i18next';

import { NativeSelect } from '@/components/ui/input';
import type { Scope } from '@/lib/auth/permissions';

import { SCOPES } from '../lib/grants';

export function ScopeSelect({
  value,
  onChange,
  label,
  className,
}: {
  value: Scope;
  onChange: (scope: Scope) => void;
  label: string;
  className?: string;
}) {
  const { t } = useTranslation('admin');
  return (
    <NativeSelect
      className={className}
      aria-label={label}
      value={value}
      onChange={(event) => onChange(event.target.value as Scope)}
    >
      {SCOPES.map((scope) => (
        <option key={scope} value={scope}>
          {t(`scope.${scope}`)}
        </option>
      ))}
    </NativeSelect>
  );
}
