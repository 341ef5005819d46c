import type { SubmissionResult } from '@conform-to/react';
import { MentoringRuleError } from './mentorships.server';

interface Replyable {
  reply: (options?: { formErrors?: string[]; fieldErrors?: Record<string, string[]> }) => SubmissionResult<string[]>;
}

/**
 * Runs a module call for a form. A broken rule comes back as the form's reply (shown next to its field,
 * input kept); anything else (404/403 Responses, real errors) is thrown on.
 */
export async function attempt<T>(submission: Replyable, fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; reply: SubmissionResult<string[]> }> {
  try {
    return { ok: true, value: await fn() };
  } catch (error) {
    if (error instanceof MentoringRuleError) {
      return { ok: false, reply: submission.reply(error.field ? { fieldErrors: { [error.field]: [error.key] } } : { formErrors: [error.key] }) };
    }
    throw error;
  }
}

/** Ids from forms and URLs are short; anything longer cannot exist. */
export function idParam(value: FormDataEntryValue | string | null | undefined): string {
  return typeof value === 'string' ? value.slice(0, 40) : '';
}
