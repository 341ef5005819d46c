import { z } from 'zod';
import { name } from './auth.schema';
import { SUPPORTED_LOCALES } from '~/modules/i18n/config';

export const AccountSchema = z.object({
  intent: z.literal('account'),
  name,
  locale: z.enum(SUPPORTED_LOCALES as [string, ...string[]], { errorMap: () => ({ message: 'common.validation.required' }) }),
  isMentor: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
});
