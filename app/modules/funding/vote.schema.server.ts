/**
 * Forms of the members' vote (server only: zod stays out of the browser). Messages are i18n keys.
 * Both forms are ticks and a date, validated here and answered with a message next to the field.
 */
import { z } from 'zod';
import { isDateOnly } from '~/utils/date-only';

const ids = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string().trim().min(1).max(40)).max(200));

export const OpenVoteSchema = z.object({
  intent: z.literal('open'),
  // A real day: "2027-02-31" used to open a vote closing on 3 March (fund-audit).
  closes: z.string({ required_error: 'funding.vote.errors.closes' }).trim().regex(/^\d{4}-\d{2}-\d{2}$/, 'funding.vote.errors.closes').refine(isDateOnly, 'funding.vote.errors.closes'),
  shortlist: ids,
});

export const CastVoteSchema = z.object({
  intent: z.literal('vote'),
  token: z.string().max(64),
  approve: ids,
});

export const ReceiptSchema = z.string().trim().min(1).max(40);
