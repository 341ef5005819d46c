import { z } from 'zod';

/**
 * Shared zod pieces. Messages are i18n keys, translated where the error is shown.
 * Every text has a maximum so a 10,000-character paste gets a clear message, not a 500.
 */
export const V = {
  required: 'common.validation.required',
  tooLong: 'common.validation.tooLong',
  email: 'common.validation.email',
};

export function text(max: number, message = V.required) {
  return z.string({ required_error: message, invalid_type_error: message }).trim().min(1, message).max(max, V.tooLong);
}

export function optionalText(max: number) {
  return z.string().trim().max(max, V.tooLong).optional();
}

export const email = z
  .string({ required_error: V.email })
  .trim()
  .toLowerCase()
  .max(254, V.tooLong)
  .email(V.email);

/** A checkbox list: Conform gives one string or an array; normalise to an array. */
export function stringList(allowed?: readonly string[]) {
  const item = allowed ? z.enum(allowed as [string, ...string[]]) : z.string().trim().min(1).max(60);
  return z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(30));
}
