import { Link } from '@tanstack/react-router';
import { Blocks } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { StatusPage } from '@/components/errors/status-page';
import { buttonVariants } from '@/components/ui/button';
import { usePermissions } from '@/lib/auth/permissions';

/** A record screen of a module the company has not turned on (the API answers 404). */
export function ModuleOffPage() {
  const { t } = useTranslation('modules');
  const { can } = usePermissions();
  return (
    <StatusPage
      icon={Blocks}
      title={t('off.title')}
      description={t('off.description')}
      action={
        can('modules.manage.module') ? (
          <Link to="/admin/modules" className={buttonVariants()}>
            {t('off.open_modules')}
          </Link>
        ) : undefined
      }
    />
  );
}
