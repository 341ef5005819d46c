/**
 * Server-only entry to Conform's parseWithZod for route actions. Routes import it from here (not from
 * '@conform-to/zod') so the browser bundle never references @conform-to/zod or zod: Remix empties
 * *.server modules in the client build, while a plain unused import can still pull in a shared chunk.
 */
export { parseWithZod } from '@conform-to/zod';
