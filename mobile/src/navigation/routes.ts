/** Where a signed-in user lands: the report form, the field app's first job. */
export const HOME_ROUTE = '/report';
export const SIGN_IN_ROUTE = '/sign-in';
