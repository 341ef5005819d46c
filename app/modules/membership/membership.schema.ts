import { z } from 'zod';
import { email, optionalText, stringList, text } from '~/utils/validation';
import { CITIES, SPOKEN_LANGUAGES } from '~/modules/members/reference';
import { normalisePhone } from '~/modules/auth/phone';

/**
 * An application gives an email address, a phone number (WhatsApp) or both: many people here use
 * WhatsApp and no email. The number is checked and normalised on the server (`normalisePhone`).
 */
export const ApplicationSchema = z
  .object({
    name: text(100, 'membership.join.name.required'),
    email: z.preprocess((v) => (v === '' ? undefined : v), email.optional()),
    phone: optionalText(30),
    city: z.enum(CITIES, { errorMap: () => ({ message: 'membership.join.city.required' }) }),
    languages: stringList(SPOKEN_LANGUAGES),
    otherLanguage: optionalText(60),
    about: optionalText(3000),
    // Set by the server from the upload handler, never by the person.
    note: z.unknown().optional(),
  })
  .superRefine((v, ctx) => {
    if (v.phone && !normalisePhone(v.phone)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['phone'], message: 'membership.join.phone.invalid' });
    if (!v.email && !v.phone) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['email'], message: 'membership.join.contact.required' });
  });

export const InvitationSchema = z.object({
  email,
  message: optionalText(1000),
});

export const DecisionSchema = z.discriminatedUnion('intent', [
  z.object({ intent: z.literal('approve'), id: z.string().max(40), message: optionalText(2000) }),
  z.object({ intent: z.literal('decline'), id: z.string().max(40), reason: text(2000, 'membership.review.reason.required') }),
]);
