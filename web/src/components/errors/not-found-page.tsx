import { MapPinOff } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { StatusPage } from './status-page';

export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <StatusPage
      icon={MapPinOff}
      code="404"
      title={t('errors.not_found.title')}
      description={t('errors.not_found.description')}
    />
  );
}
