/** Server-only entry to ./funding.schema for route actions (keeps zod out of the browser bundle). */
export * from './funding.schema';
