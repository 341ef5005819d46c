/**
 * One place that decides who may do what. Every area declares its abilities in its own file
 * (`./<area>.ts`), named `<subject>.<verb>`; this file merges them and offers:
 *   - `authorize(actor, ability, subject)` — throws the 404/403 Response the rule declares;
 *   - `can(actor, ability, subject)` — a boolean, for conditions and for the UI;
 *   - `abilitiesFor(actor, subject, [abilities])` — `{ ability: boolean }` for a loader to send
 *     the page, so components show only what the member may do (Outline's presentPolicy).
 * Loaders, actions, resource routes, module writes and the /collab websocket all ask here.
 * See docs/CONVENTIONS.md, "Permissions".
 */
import { denialResponse, type MaybeActor, type Rule } from './core';
import { accountPolicy } from './accounts';
import { adminPolicy } from './admin';
import { bidPolicy } from './bids';
import { directoryPolicy } from './directory';
import { documentPolicy } from './documents';
import { fundingPolicy } from './funding';
import { governancePolicy } from './governance';
import { membershipPolicy } from './membership';
import { mentoringPolicy } from './mentoring';
import { noticePolicy } from './notices';

export const policies = {
  ...accountPolicy,
  ...adminPolicy,
  ...bidPolicy,
  ...directoryPolicy,
  ...documentPolicy,
  ...fundingPolicy,
  ...governancePolicy,
  ...membershipPolicy,
  ...mentoringPolicy,
  ...noticePolicy,
};

type Policies = typeof policies;
export type Ability = keyof Policies;
export type SubjectOf<A extends Ability> = Policies[A] extends Rule<infer S> ? S : never;

function rule<A extends Ability>(ability: A): Rule<SubjectOf<A>> {
  return policies[ability] as unknown as Rule<SubjectOf<A>>;
}

export function can<A extends Ability>(actor: MaybeActor, ability: A, ...subject: SubjectOf<A> extends undefined ? [] : [SubjectOf<A>]): boolean {
  return rule(ability).allow(actor, subject[0] as SubjectOf<A>);
}

export function authorize<A extends Ability>(actor: MaybeActor, ability: A, ...subject: SubjectOf<A> extends undefined ? [] : [SubjectOf<A>]): void {
  const r = rule(ability);
  if (!r.allow(actor, subject[0] as SubjectOf<A>)) throw denialResponse(r.deny);
}

/** `{ 'bid.removePartner': true, … }` for the abilities a page needs, all over one subject. */
export function abilitiesFor<A extends Ability>(actor: MaybeActor, subject: SubjectOf<A>, abilities: readonly A[]): Record<A, boolean> {
  const out = {} as Record<A, boolean>;
  for (const a of abilities) out[a] = rule(a).allow(actor, subject);
  return out;
}

export type { Actor, MaybeActor } from './core';
