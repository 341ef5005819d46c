import { z } from 'zod';

/**
 * The steward's one-button forms on /admin/members (no typed input, so no Conform): validated here, on
 * the server only, so zod stays out of the page's bundle.
 */
export const MemberAdminSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('role'), id: z.string().max(40), role: z.enum(['member', 'steward']) }),
  z.object({ intent: z.literal('mentor'), id: z.string().max(40), value: z.enum(['on', 'off']) }),
  z.object({ intent: z.literal('suspend'), id: z.string().max(40) }),
  z.object({ intent: z.literal('reinstate'), id: z.string().max(40) }),
]);
