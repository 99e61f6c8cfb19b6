/**
 * Where a signed-in user lands. The inbox until the report tab exists (it comes with
 * the report screens, `app/(tabs)/report.tsx`): then `/report`.
 */
export const HOME_ROUTE = '/inbox';
export const SIGN_IN_ROUTE = '/sign-in';
