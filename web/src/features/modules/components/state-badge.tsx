import { useTranslation } from 'react-i18next';

import { Badge } from '@/components/ui/badge';

import type { RecordType } from '../api/get-modules';
import { labelOf } from '../lib/labels';

/** A workflow state's label; locked states (no more edits) look settled. */
export function StateBadge({ recordType, state }: { recordType: RecordType; state: string }) {
  const { i18n } = useTranslation();
  const workflow = recordType.workflow;
  const def = workflow?.states.find((candidate) => candidate.code === state);
  const variant = def?.locked ? 'success' : state === workflow?.initial ? 'secondary' : 'warning';
  return <Badge variant={variant}>{labelOf(def?.label, i18n.language) || state}</Badge>;
}
