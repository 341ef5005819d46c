/**
 * Who may do what on a joint bid. Only the bid's partners see anything of it — nobody else, not even
 * stewards — so every refusal to a non-partner is a 404 (a bid's existence does not leak).
 *   lead     — everything: details, status, outcome, partners and budget
 *   partner  — edit the draft, sections, tasks and attachments
 *   reviewer — read and comment only
 * The subject carries the actor's strongest role on the bid, loaded by `bidRole()` in
 * `~/modules/bids/access.server` (direct partner rows and accepted organisation rows).
 * Refusals to someone who can see the bid but not do this are 403.
 */
import type { BidRoleValue } from '~/modules/bids/constants';
import { member, type Rule } from './core';

export interface BidSubject {
  /** The actor's role on this bid, null when they are not a partner. */
  role: BidRoleValue | null;
}

/** A partner's own entry (show my name on the funding call). */
export interface BidPartnerEntrySubject extends BidSubject {
  /** The actor is that partner (the member, or a lead of the partner organisation). */
  own: boolean;
}

const seen = (s: BidSubject) => s.role !== null;
const partner = (s: BidSubject) => s.role === 'lead' || s.role === 'partner';
const lead = (s: BidSubject) => s.role === 'lead';

const reads = (allow: (s: BidSubject) => boolean) => member<BidSubject>('not-found', (_a, s) => allow(s));
const partnerWrite = member<BidSubject>('forbidden', (_a, s) => partner(s));
const leadWrite = member<BidSubject>('forbidden', (_a, s) => lead(s));

export const bidPolicy = {
  // Reading: any partner (reviewers included).
  'bid.read': reads(seen),
  'bid.comment': reads(seen),
  'bid.readHistory': reads(seen),
  'bid.export': reads(seen),
  'bid.downloadAttachment': reads(seen),
  // The draft, its sections, tasks and attachments: leads and partners.
  'bid.edit': partnerWrite,
  'bid.editSections': partnerWrite,
  'bid.addTask': partnerWrite,
  'bid.completeTask': partnerWrite,
  'bid.deleteTask': partnerWrite,
  'bid.uploadAttachment': partnerWrite,
  'bid.deleteAttachment': partnerWrite,
  'bid.restoreVersion': partnerWrite,
  // Details, status, outcome, partners, budget: leads only.
  'bid.manage': leadWrite,
  'bid.editDetails': leadWrite,
  'bid.changeStatus': leadWrite,
  'bid.recordOutcome': leadWrite,
  'bid.addPartner': leadWrite,
  'bid.updatePartner': leadWrite,
  'bid.removePartner': leadWrite,
  'bid.setBudget': leadWrite,
  'bid.manageSections': leadWrite,
  'bid.linkNotice': leadWrite,
  // A partner's own choice to be named on the funding call: only that partner.
  'bid.showOwnName': member<BidPartnerEntrySubject>('forbidden', (_a, s) => seen(s) && s.own),
  // govsplit: the last partner writes that decided access themselves.
  /** What an organisation partner will deliver: only a lead of that organisation (its own entry). */
  'bid.editOwnEntry': member<BidPartnerEntrySubject>('forbidden', (_a, s) => seen(s) && s.own),
  /** Accepting or declining an organisation's invitation (before it is a partner): a lead of that organisation. */
  'bid.answerOrgInvitation': member<{ leadsInvitedOrg: boolean }>('not-found', (_a, s) => s.leadsInvitedOrg),
} satisfies Record<string, Rule<never>>;

/** The abilities the bid pages show buttons from (loaders send these). */
export const BID_PAGE_ABILITIES = [
  'bid.read',
  'bid.comment',
  'bid.edit',
  'bid.editSections',
  'bid.addTask',
  'bid.completeTask',
  'bid.deleteTask',
  'bid.uploadAttachment',
  'bid.deleteAttachment',
  'bid.manage',
  'bid.editDetails',
  'bid.changeStatus',
  'bid.recordOutcome',
  'bid.addPartner',
  'bid.updatePartner',
  'bid.removePartner',
  'bid.setBudget',
  'bid.manageSections',
] as const;
