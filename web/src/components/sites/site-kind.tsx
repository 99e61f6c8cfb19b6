import { Drill, Factory, Ship, Warehouse, type LucideIcon } from 'lucide-react';
import { useTranslation } from 'react-i18next';

import type { SiteKind } from '@/lib/api/sites';
import { cn } from '@/lib/utils';

const KIND_ICONS: Record<SiteKind, LucideIcon> = {
  platform: Drill,
  vessel: Ship,
  base: Warehouse,
  onshore: Factory,
};

/** The icon of a kind of site, decorative: its label says the same in words. */
export function SiteKindIcon({ kind, className }: { kind: SiteKind; className?: string }) {
  const Icon = KIND_ICONS[kind];
  return <Icon className={cn('text-muted-foreground size-4 shrink-0', className)} aria-hidden />;
}

/** A kind of site as a person reads it: its icon and its name. */
export function SiteKindLabel({ kind }: { kind: SiteKind }) {
  const { t } = useTranslation('sites');
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap">
      <SiteKindIcon kind={kind} />
      {t(`kinds.${kind}`)}
    </span>
  );
}
