/*
 * The HSE enums' values, as plain lists (no zod here: the web app's eager code imports
 * them, and a module-level schema would not be tree-shaken out of its entry chunk).
 */

/** The values the API takes, in the order the screens offer them (mildest first). */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export const INCIDENT_TYPES = [
  'injury',
  'near_miss',
  'environment',
  'property_damage',
  'security',
  'process_safety',
] as const;

export const STATUSES = [
  'draft',
  'submitted',
  'under_investigation',
  'pending_approval',
  'approved',
  'rejected',
  'closed',
] as const;

export const INJURY_CLASSES = [
  'first_aid',
  'medical_treatment',
  'restricted_work',
  'lost_time',
  'fatality',
] as const;

export const EMPLOYERS = ['employee', 'contractor'] as const;

export const MAX_PHOTOS = 5;
