import { z } from 'zod';
import { email, text } from '~/utils/validation';
import { passwordProblem } from './password';

export const newPassword = z
  .string({ required_error: 'auth.password.required' })
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: `auth.password.${problem}` });
  });

export const name = text(100, 'auth.name.required');

export const LoginSchema = z.object({
  // An email address, or the phone number of a member who joined without email.
  email: z
    .string({ required_error: 'auth.login.identifier.required' })
    .trim()
    .min(1, 'auth.login.identifier.required')
    .max(254, 'common.validation.tooLong')
    .refine((v) => v.includes('@') || /\d/.test(v), 'auth.login.identifier.invalid'),
  password: z.string({ required_error: 'auth.password.required' }).max(1000, 'common.validation.tooLong'),
  redirectTo: z.string().max(2000).optional(),
});

export const SetupSchema = z.object({ name, email, password: newPassword });

export const SignupSchema = z.object({ name, password: newPassword });

export const ResetRequestSchema = z.object({ email });

export const ResetSchema = z.object({ token: z.string().max(200), password: newPassword });

export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ required_error: 'auth.password.required' }).max(1000, 'common.validation.tooLong'),
  password: newPassword,
});
