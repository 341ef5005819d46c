/** Forms of the conversations page (server only: zod stays out of the browser). Messages are i18n keys. */
import { z } from 'zod';
import { optionalText, V } from '~/utils/validation';
import { SLOT_DETAILS_MAX, SLOT_MINUTES, SLOT_MODES, SLOT_NOTE_MAX } from './slots';

export const OfferSlotSchema = z.object({
  intent: z.literal('offer'),
  startsAt: z.string({ required_error: V.required }).trim().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'funding.slots.errors.time'),
  minutes: z.enum(SLOT_MINUTES.map(String) as [string, ...string[]], { errorMap: () => ({ message: V.required }) }).transform(Number),
  mode: z.enum(SLOT_MODES, { errorMap: () => ({ message: V.required }) }),
  details: optionalText(SLOT_DETAILS_MAX),
});

export const BookSlotSchema = z.object({
  intent: z.literal('book'),
  slotId: z.string({ required_error: 'funding.slots.errors.choose' }).min(1, 'funding.slots.errors.choose').max(40),
  note: optionalText(SLOT_NOTE_MAX),
});

export const SlotButtonSchema = z.object({
  intent: z.enum(['cancel', 'remove']),
  slotId: z.string().min(1).max(40),
});
