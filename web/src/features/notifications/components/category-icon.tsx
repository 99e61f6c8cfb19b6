import { Bell } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import { cn } from '@/lib/utils';

import type { Category } from '../api/get-notifications';
import { CATEGORY_ICONS, HIGH, URGENT } from '../lib/presentation';

/** The category's icon in a tinted circle, named for screen readers. */
export function CategoryIcon({
  category,
  priority,
  className,
}: {
  category: Category;
  priority: number;
  className?: string;
}) {
  const { t } = useTranslation('notifications');
  // A category this version does not know gets the bell.
  const Icon = CATEGORY_ICONS[category] ?? Bell;
  return (
    <span
      role="img"
      aria-label={t(`categories.${category}`)}
      title={t(`categories.${category}`)}
      className={cn(
        'flex size-8 shrink-0 items-center justify-center rounded-full',
        priority >= URGENT
          ? 'bg-red-100 text-red-800'
          : priority >= HIGH
            ? 'bg-amber-100 text-amber-900'
            : 'bg-secondary text-secondary-foreground',
        className,
      )}
    >
      <Icon className="size-4" aria-hidden />
    </span>
  );
}
