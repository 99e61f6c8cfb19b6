import { useTranslation } from 'react-i18next';

import { Button } from '@/components/ui/button';

/** The foot of a cursor-paginated list: the next page on demand. */
export function LoadMore({
  hasNextPage,
  isFetchingNextPage,
  fetchNextPage,
}: {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}) {
  const { t } = useTranslation();
  if (!hasNextPage) return null;
  return (
    <div className="flex justify-center">
      <Button variant="outline" pending={isFetchingNextPage} onClick={() => void fetchNextPage()}>
        {t('common.load_more')}
      </Button>
    </div>
  );
}
