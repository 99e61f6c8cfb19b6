/**
 * The calendar API's types, from the generated schema (`make openapi`): the names the
 * feature uses for them.
 */
import type { Schemas } from '@/lib/api/client';

export type AttendeeResponse = Schemas['Response'];
export type Answer = Exclude<AttendeeResponse, 'needs_action'>;
export type Visibility = Schemas['Visibility'];
/** `this`: that occurrence only; `following`: it and the next ones (no scope: the whole series). */
export type Scope = 'this' | 'following';

/** One occurrence in the range asked for (a single event is its own only occurrence). */
export type Occurrence = Schemas['OccurrenceOut'];
/** A module's dated record (an HSE action's due date), read-only. */
export type CalendarItem = Schemas['CalendarItem'];
export type RangeOut = Schemas['RangeOut'];
export type EventIn = Schemas['EventIn'];
export type EventPatch = Schemas['EventPatch'];
export type Attendee = Schemas['AttendeeOut'];
export type EventOut = Schemas['EventOut'];
export type FeedOut = Schemas['FeedStatusOut'];
/** The link holds a secret: shown once. */
export type FeedCreated = Schemas['FeedCreatedOut'];
