import type { ErrorComponentProps } from '@tanstack/react-router';
import { TriangleAlert } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';
import { ApiProblem } from '@/lib/api/problem';
import { ForbiddenError } from '@/lib/auth/permissions';
import { problemMessage } from '@/lib/forms/apply-problem';

import { ForbiddenPage } from './forbidden-page';
import { NotFoundPage } from './not-found-page';
import { StatusPage } from './status-page';

/** What a route shows when its loader or component fails: 403, 404, or the problem with a retry. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  const { t } = useTranslation();
  if (error instanceof ForbiddenError || (error instanceof ApiProblem && error.status === 403)) {
    return <ForbiddenPage />;
  }
  if (error instanceof ApiProblem && error.status === 404) return <NotFoundPage />;
  return (
    <StatusPage
      icon={TriangleAlert}
      title={t('errors.generic.title')}
      description={problemMessage(error)}
      action={<Button onClick={reset}>{t('common.retry')}</Button>}
    />
  );
}
