import type { frHse } from './hse.fr';
import type { Shape } from './shape';

/** The HSE vocabulary in English; same shape as `hse.fr.ts`. */
export const enHse: Shape<typeof frHse> = {
  severity: { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' },
  types: {
    injury: 'Injury',
    near_miss: 'Near miss',
    environment: 'Environment',
    property_damage: 'Property damage',
    security: 'Security',
    process_safety: 'Process safety',
  },
  status: {
    draft: 'Draft',
    submitted: 'Submitted',
    under_investigation: 'Under investigation',
    pending_approval: 'Pending approval',
    approved: 'Approved',
    rejected: 'Rejected',
    closed: 'Closed',
  },
  injury: {
    none: 'No injury',
    first_aid: 'First aid',
    medical_treatment: 'Medical treatment',
    restricted_work: 'Restricted work',
    lost_time: 'Lost time',
    fatality: 'Fatality',
  },
  employer: { employee: 'Employee', contractor: 'Contractor' },
  actions: {
    kinds: { corrective: 'Corrective', preventive: 'Preventive' },
    status: {
      open: 'Open',
      in_progress: 'In progress',
      done: 'Done',
      verified: 'Verified',
      cancelled: 'Cancelled',
    },
  },
};
