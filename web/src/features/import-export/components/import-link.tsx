import { Link } from '@tanstack/react-router';
import { Upload } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { buttonVariants } from '@/components/ui/button';

import { useResource } from '../api/get-resources';

/** A list's "Import" button: the import wizard on `resource`, when the caller may import it. */
export function ImportLink({ resource }: { resource: string }) {
  const { t } = useTranslation('importExport');
  const available = useResource(resource);
  if (!available?.importable) return null;
  return (
    <Link
      to="/imports/new"
      search={{ resource }}
      className={buttonVariants({ variant: 'outline' })}
    >
      <Upload aria-hidden />
      {t('import_link')}
    </Link>
  );
}
