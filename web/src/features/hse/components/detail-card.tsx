import type * as React from 'react';

import { cn } from '@/lib/utils';

/** A section of the incident page: a titled card, with actions at its top right. */
export function DetailCard({
  id,
  title,
  actions,
  children,
}: {
  /** For a link or button that leads to the section. */
  id?: string;
  title: string;
  actions?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <section
      id={id}
      className="bg-card grid min-w-0 scroll-mt-4 gap-3 rounded-lg border p-4 md:p-6"
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">{title}</h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

/** One labelled fact in a `<dl>`. */
export function Fact({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: React.ReactNode;
}) {
  return (
    <div className={cn('grid content-start gap-0.5', className)}>
      <dt className="text-muted-foreground text-xs font-medium">{label}</dt>
      <dd className="text-sm break-words">{children}</dd>
    </div>
  );
}
