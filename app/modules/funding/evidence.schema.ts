import { z } from 'zod';
import { optionalText, text } from '~/utils/validation';

/** Messages are i18n keys (app/locales/<lang>/funding.json, "evidence" and "qa"). */
export const EM = {
  bothOrNeither: 'funding.evidence.errors.bothOrNeither',
  prefix: 'funding.evidence.errors.prefix',
};

/** What stewards add to a round's report: where a re-granted pot came from, and lessons. */
export const RoundEvidenceSchema = z
  .object({
    intent: z.literal('evidence'),
    sourceFunderName: optionalText(200),
    sourceGrantId: optionalText(120),
    lessons: optionalText(4000),
  })
  .superRefine((v, ctx) => {
    // A re-grant needs both halves: the 360Giving file links to the funder's grant by its identifier.
    if (!!v.sourceFunderName !== !!v.sourceGrantId) {
      ctx.addIssue({ code: 'custom', path: [v.sourceFunderName ? 'sourceGrantId' : 'sourceFunderName'], message: EM.bothOrNeither });
    }
  });

export const Giving360IdentitySchema = z.object({
  intent: z.literal('identity'),
  // 360Giving prefixes look like "360G-nomi": letters, digits and hyphens.
  prefix: text(60).pipe(z.string().regex(/^360G-[A-Za-z0-9-]+$/, EM.prefix)),
  orgId: text(120),
  funderName: text(200),
});

export const AskSchema = z.object({ intent: z.literal('ask'), question: text(1000) });

export const AnswerSchema = z.object({
  intent: z.literal('answer'),
  questionId: z.string().min(1).max(64),
  publishedQuestion: text(1000),
  answer: text(3000),
});
