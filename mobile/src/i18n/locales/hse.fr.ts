import type { Labels } from './shape';

/**
 * The HSE vocabulary (namespace `hse`): the API's enum values as keys, at the same paths
 * as web/src/lib/i18n/locales/hse.fr.ts, so a status reads the same in both apps.
 */
export const frHse = {
  severity: {
    low: 'Faible',
    medium: 'Moyenne',
    high: 'Élevée',
    critical: 'Critique',
  } satisfies Labels<'Severity'>,
  types: {
    injury: 'Blessure',
    near_miss: 'Presque-accident',
    environment: 'Environnement',
    property_damage: 'Dégât matériel',
    security: 'Sûreté',
    process_safety: 'Sécurité procédé',
  } satisfies Labels<'IncidentType'>,
  status: {
    draft: 'Brouillon',
    submitted: 'Soumis',
    under_investigation: 'En investigation',
    pending_approval: 'En attente d’approbation',
    approved: 'Approuvé',
    rejected: 'Rejeté',
    closed: 'Clôturé',
  } satisfies Labels<'IncidentStatus'>,
  injury: {
    // `none`: no injury class (the field is optional in the API).
    none: 'Aucune blessure',
    first_aid: 'Premiers soins',
    medical_treatment: 'Soins médicaux',
    restricted_work: 'Travail restreint',
    lost_time: 'Arrêt de travail',
    fatality: 'Décès',
  } satisfies Labels<'InjuryClass'> & { none: string },
  employer: { employee: 'Salarié', contractor: 'Sous-traitant' } satisfies Labels<'Employer'>,
  actions: {
    kinds: { corrective: 'Corrective', preventive: 'Préventive' } satisfies Labels<'ActionKind'>,
    status: {
      open: 'À faire',
      in_progress: 'En cours',
      done: 'Réalisée',
      verified: 'Vérifiée',
      cancelled: 'Annulée',
    } satisfies Labels<'ActionStatus'>,
  },
};
