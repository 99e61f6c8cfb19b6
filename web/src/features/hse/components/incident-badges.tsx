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

/** The same severities as chart fills (the badges' hues, strong enough for a bar). */
export const SEVERITY_FILLS: Record<Severity, string> = {
  low: '#94a3b8', // slate-400
  medium: '#fbbf24', // amber-400
  high: '#f97316', // orange-500
  critical: '#b91c1c', // red-700
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

/** The statuses as chart fills, the chips' hues. */
export const STATUS_FILLS: Record<IncidentStatus, string> = {
  draft: '#cbd5e1', // slate-300
  submitted: '#3b82f6', // blue-500
  under_investigation: '#8b5cf6', // violet-500
  pending_approval: '#f59e0b', // amber-500
  approved: '#10b981', // emerald-500
  rejected: '#ef4444', // red-500
  closed: '#64748b', // slate-500
};

export function StatusChip({ status, className }: { status: IncidentStatus; className?: string }) {
  const { t } = useTranslation('hse');
  return (
    <Badge variant="outline" className={cn(STATUS_COLORS[status], className)}>
      {t(`status.${status}`)}
    </Badge>
  );
}
