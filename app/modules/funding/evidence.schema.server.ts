/** Server-side import of the evidence and Q&A schemas (keeps zod out of the pages' bundles). */
export * from './evidence.schema';
