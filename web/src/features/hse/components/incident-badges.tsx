import { useTranslation } from 'react-i18next';

import { Badge } from '@/components/ui/badge';
import { cn } from '@/lib/utils';

import type { IncidentStatus, Severity } from '../lib/incident';

/**
 * Severity colours, darkest text on the lightest ground (≥ 4.5:1), and the worst one
 * solid so it stands out in a long list. Also used by the report form's choices.
 */
export const SEVERITY_COLORS: Record<Severity, string> = {
  low: 'bg-slate-100 text-slate-800 border-slate-300',
  medium: 'bg-amber-100 text-amber-900 border-amber-300',
  high: 'bg-orange-100 text-orange-900 border-orange-300',
  critical: 'bg-red-700 text-white border-red-700',
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  const { t } = useTranslation('hse');
  return (
    <Badge variant="outline" className={SEVERITY_COLORS[severity]}>
      {t(`severity.${severity}`)}
    </Badge>
  );
}

/** Where the incident stands: still a draft, waiting on someone, or settled. */
const STATUS_COLORS: Record<IncidentStatus, string> = {
  draft: 'border-dashed text-muted-foreground',
  submitted: 'bg-blue-50 text-blue-900 border-blue-200',
  under_investigation: 'bg-violet-50 text-violet-900 border-violet-200',
  pending_approval: 'bg-amber-50 text-amber-900 border-amber-200',
  approved: 'bg-emerald-50 text-emerald-900 border-emerald-200',
  rejected: 'bg-red-50 text-red-900 border-red-200',
  closed: 'bg-muted text-foreground',
};

export function StatusChip({ status, className }: { status: IncidentStatus; className?: string }) {
  const { t } = useTranslation('hse');
  return (
    <Badge variant="outline" className={cn(STATUS_COLORS[status], className)}>
      {t(`status.${status}`)}
    </Badge>
  );
}
