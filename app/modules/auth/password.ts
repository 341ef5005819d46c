import { COMMON_PASSWORDS } from './common-passwords';

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 200;

export type PasswordProblem = 'tooShort' | 'tooLong' | 'tooCommon';

/** Passphrases welcome: length and a common-password check only, no composition rules. */
export function passwordProblem(password: string): PasswordProblem | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return 'tooShort';
  if (length > PASSWORD_MAX) return 'tooLong';
  if (COMMON_PASSWORDS.has(password.toLowerCase().trim())) return 'tooCommon';
  return null;
}
