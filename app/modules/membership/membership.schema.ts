import { z } from 'zod';
import { email, optionalText, stringList, text } from '~/utils/validation';
import { CITIES, SPOKEN_LANGUAGES } from '~/modules/members/reference';

export const ApplicationSchema = z.object({
  name: text(100, 'membership.join.name.required'),
  email,
  city: z.enum(CITIES, { errorMap: () => ({ message: 'membership.join.city.required' }) }),
  languages: stringList(SPOKEN_LANGUAGES),
  about: optionalText(3000),
  // Set by the server from the upload handler, never by the person.
  note: z.unknown().optional(),
});

export const InvitationSchema = z.object({
  email,
  message: optionalText(1000),
});

export const DecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), id: z.string().max(40), message: optionalText(2000) }),
  z.object({ intent: z.literal('decline'), id: z.string().max(40), reason: text(2000, 'membership.review.reason.required') }),
]);
