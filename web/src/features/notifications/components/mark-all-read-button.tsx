import { CheckCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { toast } from 'sonner';

import { Button } from '@/components/ui/button';
import { problemMessage } from '@/lib/forms/apply-problem';

import { useMarkAllRead } from '../api/mark-all-read';

/** "Tout marquer comme lu", with the outcome in a toast. */
export function MarkAllReadButton({
  unread,
  size = 'sm',
  variant = 'ghost',
}: {
  unread: number;
  size?: 'sm' | 'default';
  variant?: 'ghost' | 'outline';
}) {
  const { t } = useTranslation('notifications');
  const markAll = useMarkAllRead();
  return (
    <Button
      variant={variant}
      size={size}
      disabled={unread === 0}
      pending={markAll.isPending}
      onClick={() =>
        markAll.mutate(undefined, {
          onSuccess: ({ marked }) =>
            toast.success(marked > 0 ? t('marked_all', { count: marked }) : t('nothing_unread')),
          onError: (error) => toast.error(problemMessage(error)),
        })
      }
    >
      <CheckCheck aria-hidden />
      {t('mark_all')}
    </Button>
  );
}
