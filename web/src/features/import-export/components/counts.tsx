import { cn } from '@/lib/utils';

export type Count = { label: string; value: number; tone?: 'good' | 'bad' };

/** A few numbers side by side ("Rows 12 · Valid 10 · With errors 2"), as a description list. */
export function Counts({ label, counts }: { label: string; counts: Count[] }) {
  return (
    <dl aria-label={label} className="grid grid-cols-3 gap-3 sm:max-w-xl">
      {counts.map((count) => (
        <div
          key={count.label}
          className={cn(
            'grid gap-0.5 rounded-md border px-3 py-2',
            count.tone === 'good' && count.value > 0 && 'border-emerald-200 bg-emerald-50',
            count.tone === 'bad' && count.value > 0 && 'border-red-200 bg-red-50',
          )}
        >
          <dt className="text-muted-foreground text-xs">{count.label}</dt>
          <dd
            className={cn(
              'text-xl font-semibold tabular-nums',
              count.tone === 'good' && count.value > 0 && 'text-emerald-800',
              count.tone === 'bad' && count.value > 0 && 'text-red-800',
            )}
          >
            {count.value}
          </dd>
        </div>
      ))}
    </dl>
  );
}
