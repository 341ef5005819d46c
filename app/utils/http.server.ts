/**
 * The refusals a route throws for reasons that are not permissions: the thing is not there (404) or the
 * request is malformed (400). Permission refusals come from `authorize()` in ~/policies, never from here.
 */
export function notFound(): never {
  throw new Response('Not found', { status: 404 });
}

export function badRequest(): never {
  throw new Response('Bad request', { status: 400 });
}
