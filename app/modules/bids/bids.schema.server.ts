/**
 * Server-only entry to ./bids.schema for route actions. Remix empties *.server modules in the browser
 * build, so a route that imports its schemas from here never ships zod to the client.
 */
export * from './bids.schema';
