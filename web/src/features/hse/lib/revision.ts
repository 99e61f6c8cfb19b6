/** The `If-Match` value for a record's revision: the ETag the API sends, quoted. */
export const ifMatch = (revision: number) => `"${revision}"`;
