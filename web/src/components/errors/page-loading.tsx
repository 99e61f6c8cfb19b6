import { useTranslation } from 'react-i18next';

import { Spinner } from '@/components/ui/spinner';

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div className="text-muted-foreground flex min-h-40 items-center justify-center p-8">
      <Spinner label={t('common.loading')} />
    </div>
  );
}
