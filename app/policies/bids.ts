/**
 * Who may do what on a joint bid. Only the bid's partners see anything of it — nobody else, not even
 * stewards — so every refusal to a non-partner is a 404 (a bid's existence does not leak).
 *   lead     — everything: details, status, outcome, partners and budget
 *   partner  — edit the draft, sections, tasks and attachments
 *   reviewer — read and comment only
 * The subject carries the actor's strongest role on the bid, loaded by `bidRole()` in
 * `~/modules/bids/access.server` (direct partner rows and accepted organisation rows).
 */
import type { BidRoleValue } from '~/modules/bids/constants';
import { member, type Rule } from './core';

export interface BidSubject {
  /** The actor's role on this bid, null when they are not a partner. */
  role: BidRoleValue | null;
}

const partner = (s: BidSubject) => s.role === 'lead' || s.role === 'partner';
const lead = (s: BidSubject) => s.role === 'lead';

export const bidPolicy = {
  'bid.read': member<BidSubject>('not-found', (_a, s) => s.role !== null),
  'bid.comment': member<BidSubject>('not-found', (_a, s) => s.role !== null),
  'bid.edit': member<BidSubject>('forbidden', (_a, s) => partner(s)),
  'bid.manage': member<BidSubject>('forbidden', (_a, s) => lead(s)),
  'bid.removePartner': member<BidSubject>('forbidden', (_a, s) => lead(s)),
} satisfies Record<string, Rule<never>>;
