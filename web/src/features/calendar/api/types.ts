/**
 * The calendar API's types, written by hand from the contract (notes/calendar-contract.md)
 * because the backend's routes are not in openapi/openapi.json yet.
 *
 * TO BE REPLACED BY THE GENERATED SCHEMA TYPES: once `make openapi` has the calendar,
 * each type below becomes `Schemas['<Name>']` (from `@/lib/api/client`), `CalendarPaths`
 * goes away and `calendar-client.ts` uses `api` itself. Nothing else names these shapes.
 */
import type { Problem } from '@/lib/api/problem';

export type AttendeeResponse = 'needs_action' | 'accepted' | 'declined' | 'tentative';
export type Answer = Exclude<AttendeeResponse, 'needs_action'>;
export type Visibility = 'private' | 'company';
/** `this`: that occurrence only; `following`: it and the next ones (no scope: the whole series). */
export type Scope = 'this' | 'following';

/** One occurrence in the range asked for (a single event is its own only occurrence). */
export type Occurrence = {
  /** The row to open or edit (an override's own id once one occurrence was changed). */
  event_id: string;
  /** For a changed occurrence: its series. */
  series_id: string | null;
  /** For a series' occurrence: the start its rule gave it (`occurrence=` of PATCH/DELETE). */
  original_start: string | null;
  recurring: boolean;
  title: string;
  starts_at: string;
  ends_at: string;
  all_day: boolean;
  time_zone: string;
  location: string | null;
  site_id: string | null;
  category: string | null;
  /** `#rrggbb` */
  color: string | null;
  visibility: Visibility;
  organizer_id: string;
  /** null: the user is not invited. */
  my_response: AttendeeResponse | null;
  can_edit: boolean;
};

/** A module's dated record (an HSE action's due date), read-only. */
export type CalendarItem = {
  /** `hse.action` */
  source: string;
  id: string;
  title: string;
  /** `YYYY-MM-DD` */
  date: string;
  overdue: boolean;
  /** A path in this app, e.g. `/hse/incidents/<id>`. */
  link: string;
};

export type RangeOut = { occurrences: Occurrence[]; items: CalendarItem[] };

export type EventIn = {
  title: string;
  description?: string | null;
  starts_at: string;
  /** After `starts_at`; for an all-day event, the local midnight after its last day. */
  ends_at: string;
  all_day?: boolean;
  time_zone?: string;
  /** An RFC 5545 RRULE value without `RRULE:`. */
  rrule?: string | null;
  exdates?: string[];
  location?: string | null;
  site_id?: string | null;
  /** `<user id>`, `role:<code>` or `group:<name>`. */
  attendees?: string[];
  category?: string | null;
  color?: string | null;
  visibility?: Visibility;
  /** Minutes before the start, 0..40320, at most 5. */
  reminders?: number[];
};

export type EventPatch = Partial<EventIn>;

export type Attendee = {
  user_id: string;
  full_name: string;
  email: string;
  response: AttendeeResponse;
  responded_at: string | null;
};

export type EventOut = Omit<EventIn, 'attendees'> & {
  id: string;
  organizer_id: string;
  organizer_name: string;
  sequence: number;
  series_id: string | null;
  original_start: string | null;
  /** The people invited, each invitation expanded (roles and groups into their members). */
  attendees: Attendee[];
  /** The invitations as written (`EventIn.attendees`). */
  invitees: string[];
  can_edit: boolean;
  created_at: string;
  updated_at: string;
};

export type FeedOut = { active: boolean; created_at: string | null; last_used_at: string | null };
/** The link holds a secret: shown once. */
export type FeedCreated = { url: string; created_at: string };

/* The routes, in openapi-typescript's shape, so openapi-fetch types every call. */

type Json<T> = { content: { 'application/json': T } };
type Failure = { content: { 'application/problem+json': Problem } };
type NoParams = { query?: never; header?: never; path?: never; cookie?: never };
type WithId<Query = never> = {
  query?: Query;
  header?: never;
  path: { id: string };
  cookie?: never;
};
type Operation<Parameters, Responses, Body = never> = {
  parameters: Parameters;
  responses: Responses & { 400: Failure; 401: Failure; 403: Failure; 404: Failure; 422: Failure };
} & ([Body] extends [never] ? { requestBody?: never } : { requestBody: Body });
type Methods = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
/** A path with the operations given; every other method `never`, as openapi-typescript writes it. */
type Route<Operations extends Partial<Record<Methods, unknown>>> = { parameters: NoParams } & {
  [Method in Exclude<Methods, keyof Operations>]?: never;
} & Operations;

type OccurrenceQuery = { occurrence?: string; scope?: Scope };
type RangeQuery = Omit<NoParams, 'query'> & { query: { from: string; to: string } };

export type CalendarPaths = {
  '/api/v1/calendar/events': Route<{
    get: Operation<RangeQuery, { 200: Json<RangeOut> }>;
    post: Operation<NoParams, { 201: Json<EventOut>; 409: Failure }, Json<EventIn>>;
  }>;
  '/api/v1/calendar/events/{id}': Route<{
    get: Operation<WithId, { 200: Json<EventOut> }>;
    patch: Operation<
      WithId<OccurrenceQuery>,
      { 200: Json<EventOut>; 409: Failure },
      Json<EventPatch>
    >;
    delete: Operation<WithId<OccurrenceQuery>, { 204: { content?: never } }>;
  }>;
  '/api/v1/calendar/events/{id}/response': Route<{
    post: Operation<WithId, { 200: Json<EventOut> }, Json<{ response: Answer }>>;
  }>;
  '/api/v1/calendar/feed': Route<{
    get: Operation<NoParams, { 200: Json<FeedOut> }>;
    post: Operation<NoParams, { 201: Json<FeedCreated> }>;
    delete: Operation<NoParams, { 204: { content?: never } }>;
  }>;
};
