import { cn } from '@/lib/utils';

/** The mark and the name; `compact` keeps the mark only (folded sidebar). */
export function Logo({ className, compact = false }: { className?: string; compact?: boolean }) {
  return (
    <span className={cn('inline-flex items-center gap-2 text-lg font-semibold', className)}>
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden>
        <rect width="32" height="32" rx="7" fill="#0f4c81" />
        <path
          d="M9 16a7 7 0 1 0 14 0a7 7 0 1 0-14 0M16 12v8M12 16h8"
          stroke="#fff"
          strokeWidth="2.5"
          fill="none"
          strokeLinecap="round"
        />
      </svg>
      {compact ? null : 'OpsFlux'}
    </span>
  );
}
