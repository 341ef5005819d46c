/**
 * Accounts, sign-in help and the outbox. Only stewards act here; a member is refused with 403, as on
 * every /admin page (the pages' existence is no secret; their contents are).
 *   outbox.read       — see who messages are for, their kind and status (never their text)
 *   outbox.resend     — send a message again; invitation and reset links are issued fresh
 *   account.issueResetLink — make a one-time reset link to hand over (members without email)
 *   application.review     — read applications, approve or decline them
 */
import { isSteward, member, type Rule } from './core';

export const accountPolicy = {
  'outbox.read': member<undefined>('forbidden', (a) => isSteward(a)),
  'outbox.resend': member<undefined>('forbidden', (a) => isSteward(a)),
  'account.issueResetLink': member<undefined>('forbidden', (a) => isSteward(a)),
  'application.review': member<undefined>('forbidden', (a) => isSteward(a)),
} satisfies Record<string, Rule<never>>;
