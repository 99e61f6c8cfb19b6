import type * as React from 'react';

import { cn } from '@/lib/utils';

/**
 * A progress bar: `value` out of `max` (a share sent, rows done), named by `aria-label`
 * and read out as `aria-valuetext`. `pulse` says work goes on past the bar (a server
 * checking a file it has all of); a `null` value, work whose size is not known yet (a
 * pale full bar that pulses).
 */
export function Progress({
  value,
  max = 100,
  pulse = false,
  className,
  ...props
}: Omit<React.ComponentProps<'div'>, 'children'> & {
  value: number | null;
  max?: number;
  pulse?: boolean;
}) {
  const share =
    value === null ? 100 : max > 0 ? Math.min(100, Math.max(0, (value / max) * 100)) : 0;
  return (
    <div
      role="progressbar"
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={value ?? undefined}
      className={cn('bg-muted h-2 overflow-hidden rounded-full', className)}
      {...props}
    >
      <div
        className={cn(
          'bg-primary h-full rounded-full transition-[width] duration-200',
          (pulse || value === null) && 'animate-pulse',
          value === null && 'bg-primary/40',
        )}
        style={{ width: `${share}%` }}
      />
    </div>
  );
}
