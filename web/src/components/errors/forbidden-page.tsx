import { ShieldX } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { StatusPage } from './status-page';

export function ForbiddenPage() {
  const { t } = useTranslation();
  return (
    <StatusPage
      icon={ShieldX}
      code="403"
      title={t('errors.forbidden.title')}
      description={t('errors.forbidden.description')}
    />
  );
}
