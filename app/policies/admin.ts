/**
 * Who may run the network: stewards only. Stewards administer membership (roles, suspension, the mentor
 * flag) and the shared tag list, but this gives them no way into members' private things — a bid,
 * a mentorship's notes or a conversation is decided by its own area's rules, which do not let stewards in.
 * Refusals are 403: the admin pages are no secret, only closed.
 */
import { isSteward, member, type NoSubject, type Rule } from './core';

/** The member a steward acts on. */
export interface MemberTarget {
  id: string;
}

export const adminPolicy = {
  /** The steward area itself (/admin and its pages). */
  'network.administer': member<NoSubject>('forbidden', (a) => isSteward(a)),
  'member.changeRole': member<MemberTarget>('forbidden', (a) => isSteward(a)),
  /** Suspending oneself is refused by the module with its own message (it would lock the steward out). */
  'member.suspend': member<MemberTarget>('forbidden', (a) => isSteward(a)),
  'member.reinstate': member<MemberTarget>('forbidden', (a) => isSteward(a)),
  'member.setMentor': member<MemberTarget>('forbidden', (a) => isSteward(a)),
  /** Rename (per language) and merge the tags members typed. */
  'tag.manage': member<NoSubject>('forbidden', (a) => isSteward(a)),
} satisfies Record<string, Rule<never>>;
