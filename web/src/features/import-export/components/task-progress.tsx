import { Progress } from '@/components/ui/progress';

import type { TaskProgress } from '../api/types';
import { counted } from '../lib/tasks';

/**
 * A task on its way: a bar of rows done out of the total (a pulsing one while the total
 * is not known), with the words under it read out as they change.
 */
export function TaskProgressBar({
  progress,
  label,
  words,
  status,
}: {
  progress: TaskProgress | null | undefined;
  /** The bar's name ("Import progress"). */
  label: string;
  /** Rows in words ("120 / 500 rows"), when counted. */
  words: (progress: TaskProgress) => string;
  /** What happens ("Saving the rows…"). */
  status: string;
}) {
  const known = counted(progress);
  const text = known ? words(known) : undefined;
  return (
    <div className="grid gap-2 text-sm">
      <Progress
        value={known ? known.done : null}
        max={known ? known.total : undefined}
        aria-label={label}
        aria-valuetext={text}
      />
      <p className="text-muted-foreground flex flex-wrap justify-between gap-2" role="status">
        <span>{status}</span>
        {text ? <span className="tabular-nums">{text}</span> : null}
      </p>
    </div>
  );
}
