import { z } from 'zod';
import { optionalText, stringList, text } from '~/utils/validation';
import { CITIES, SPOKEN_LANGUAGES } from '~/modules/members/reference';
import { LEGAL_FORMS, THEMES, VISIBILITIES } from './themes';

/** Zod schemas shared by the directory's forms and actions. Messages are i18n keys. */
const visibility = z.enum(VISIBILITIES, { errorMap: () => ({ message: 'directory.profile.visibilityInvalid' }) }).default('me');
const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());
const tagList = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().trim().min(1).max(40)).max(30, 'directory.profile.tooManyTags'),
);
/** New tags typed as "one, two, three". */
const newTags = z
  .string()
  .trim()
  .max(200, 'common.validation.tooLong')
  .optional()
  .transform((v) => (v ? v.split(/[,،،\n]/).map((s) => s.trim()).filter(Boolean) : []))
  .refine((list) => list.every((s) => s.length <= 40), 'directory.profile.tagTooLong')
  .refine((list) => list.length <= 10, 'directory.profile.tooManyTags');
const phone = z.string().trim().max(30, 'directory.profile.phoneInvalid').optional();

export const ProfileSchema = z.object({
  headline: optionalText(120),
  bio: optionalText(2000),
  city: z.preprocess((v) => (v === '' ? undefined : v), z.enum(CITIES).optional()),
  languages: stringList(SPOKEN_LANGUAGES),
  offers: tagList,
  needs: tagList,
  newOffers: newTags,
  newNeeds: newTags,
  themes: stringList(THEMES),
  mentoringOpen: checkbox,
  mentoringAtCapacity: checkbox,
  mentoringAreas: tagList,
  emailVisibility: visibility,
  phone,
  phoneVisibility: visibility,
  whatsapp: phone,
  whatsappVisibility: visibility,
  publicProfile: checkbox,
  matchingOptOut: checkbox,
});
export type ProfileInput = z.infer<typeof ProfileSchema>;

const optionalInt = (min: number, max: number, message: string) =>
  z.preprocess((v) => (v === '' || v === undefined || v === null ? undefined : Number(v)), z.number({ invalid_type_error: message }).int(message).min(min, message).max(max, message).optional());

const url = z
  .string()
  .trim()
  .max(300, 'common.validation.tooLong')
  .optional()
  .refine((v) => !v || /^https?:\/\/[^\s]+\.[^\s]+$/i.test(v), 'directory.orgs.urlInvalid');

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,58}[a-z0-9])?$/;

export const OrgSchema = z.object({
  name: text(120, 'directory.orgs.nameRequired'),
  slug: z
    .string({ required_error: 'directory.orgs.slugInvalid' })
    .trim()
    .toLowerCase()
    .max(60, 'directory.orgs.slugInvalid')
    .regex(SLUG_PATTERN, 'directory.orgs.slugInvalid'),
  description: optionalText(3000),
  city: z.preprocess((v) => (v === '' ? undefined : v), z.enum(CITIES).optional()),
  legalForm: z.enum(LEGAL_FORMS, { errorMap: () => ({ message: 'directory.orgs.legalFormRequired' }) }),
  registrationNumber: optionalText(40),
  hostOrgId: z.string().trim().max(40).optional(),
  hostOrgName: optionalText(120),
  yearStarted: optionalInt(1900, 2100, 'directory.orgs.yearInvalid'),
  website: url,
  socialLinks: z
    .string()
    .trim()
    .max(1000, 'common.validation.tooLong')
    .optional()
    .transform((v) => (v ? v.split(/\s+/).filter(Boolean) : []))
    .refine((list) => list.length <= 5 && list.every((s) => /^https?:\/\/[^\s]+\.[^\s]+$/i.test(s) && s.length <= 300), 'directory.orgs.socialInvalid'),
  themes: stringList(THEMES),
  offers: tagList,
  needs: tagList,
  publicListing: checkbox,
});
export type OrgInput = z.infer<typeof OrgSchema>;

export const GrantSchema = z.object({
  funder: text(120, 'directory.orgs.grants.funderRequired'),
  amount: optionalInt(0, 100_000_000, 'directory.orgs.grants.amountInvalid'),
  year: optionalInt(1950, 2100, 'directory.orgs.yearInvalid'),
  purpose: optionalText(500),
});

export const IntroductionSchema = z.object({
  message: text(1000, 'directory.contact.messageRequired'),
});

export const ReplySchema = z.object({
  body: text(2000, 'directory.contact.messageRequired'),
});

/** Deleting one's account: the password again, and an explicit tick. */
export const DeleteAccountSchema = z.object({
  password: z.string({ required_error: 'directory.data.passwordRequired' }).min(1, 'directory.data.passwordRequired').max(1000, 'common.validation.tooLong'),
  confirm: z.literal('on', { errorMap: () => ({ message: 'directory.data.confirmRequired' }) }),
});
