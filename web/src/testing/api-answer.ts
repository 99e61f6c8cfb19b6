/** An openapi-fetch answer, as a mocked `api` client resolves it: data, or a problem. */
export const answer = (data: unknown, status = 200) => ({
  data: status < 400 ? data : undefined,
  error: status >= 400 ? data : undefined,
  response: new Response(null, { status }),
});
