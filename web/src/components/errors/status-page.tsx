import { Link } from '@tanstack/react-router';
import type { LucideIcon } from 'lucide-react';
import type * as React from 'react';
import { useTranslation } from 'react-i18next';

import { buttonVariants } from '@/components/ui/button';

/** The body of the 403, 404 and error pages. */
export function StatusPage({
  icon: Icon,
  code,
  title,
  description,
  action,
}: {
  icon: LucideIcon;
  code?: string;
  title: string;
  description: string;
  action?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div className="mx-auto flex max-w-md flex-col items-center gap-3 px-4 py-16 text-center">
      <Icon className="text-muted-foreground size-10" aria-hidden />
      {code ? <p className="text-muted-foreground text-sm font-semibold">{code}</p> : null}
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-muted-foreground">{description}</p>
      <div className="mt-2 flex gap-2">
        {action}
        <Link to="/" className={buttonVariants({ variant: action ? 'outline' : 'default' })}>
          {t('errors.go_home')}
        </Link>
      </div>
    </div>
  );
}
