/**
 * The vocabulary every area's policy file uses. A policy is a pure, synchronous predicate over data
 * that is already loaded (no queries here): the caller loads the subject with what the rule needs
 * (the actor's role on a bid, a proposal's state…), then asks `authorize()` or `can()` in `./index`.
 *
 * Why pure: the same rule is asked by loaders (to build `abilities` for the UI), by actions and module
 * writes (to refuse), and by the collaboration websocket (to refuse or revoke) — one answer for all.
 * Modelled on Outline's server/policies.
 */
import type { Role } from '~db/schema';

/** Who is asking. `null` is a signed-out visitor. */
export interface Actor {
  id: string;
  role: Role;
}
export type MaybeActor = Actor | null;

/**
 * What a refusal looks like when the rule says no:
 *  - 'not-found' when the subject's very existence is private to those allowed to see it (a bid to a
 *    non-partner, a mentorship to an outsider, someone else's application): 404, as if it did not exist;
 *  - 'forbidden' when the actor may know the thing exists but may not do this to it: 403.
 * A signed-out visitor is refused the same way; routes that should send visitors to sign in call
 * `requireUser()` first (the sign-in redirect belongs to the request, not to the rule).
 */
export type Denial = 'not-found' | 'forbidden';

export interface Rule<S> {
  allow: (actor: MaybeActor, subject: S) => boolean;
  deny: Denial;
}

/** A rule for signed-in members only: visitors are always refused. */
export function member<S>(deny: Denial, allow: (actor: Actor, subject: S) => boolean): Rule<S> {
  return { deny, allow: (actor, subject) => actor !== null && allow(actor, subject) };
}

/** A rule visitors may pass too (public profiles, public notices…). */
export function anyone<S>(deny: Denial, allow: (actor: MaybeActor, subject: S) => boolean): Rule<S> {
  return { deny, allow };
}

// Narrows to a steward only, so `isSteward(a) || a.id === …` still type-checks for the other members.
export const isSteward = (actor: MaybeActor): actor is Actor & { role: 'steward' } => actor?.role === 'steward';

/** Subjects that need nothing but the actor (e.g. 'network.administer'). */
export type NoSubject = undefined;

export class PolicyDenied extends Response {}

export function denialResponse(deny: Denial): Response {
  return deny === 'not-found' ? new Response('Not found', { status: 404 }) : new Response('Forbidden', { status: 403 });
}
