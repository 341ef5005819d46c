/**
 * Who may do what about membership itself: inviting people, and one's own account (settings, email
 * preferences, "your data" export, deleting the account). An account is only ever its owner's: a steward
 * administers members (./admin.ts) but never reads or changes someone's settings or exports their data.
 */
import { isSteward, member, type NoSubject, type Rule } from './core';

export interface InviteSettings {
  /** The network setting "members can invite" (admin settings). */
  membersCanInvite: boolean;
}

export interface InvitationSubject {
  invitedBy: string | null;
}

export interface AccountSubject {
  userId: string;
}

export const membershipPolicy = {
  'invitation.create': member<InviteSettings>('forbidden', (a, s) => isSteward(a) || s.membersCanInvite),
  /** Stewards see every invitation; members only their own. */
  'invitation.seeAll': member<NoSubject>('forbidden', (a) => isSteward(a)),
  /** 404: someone else's invitation is not one's business, not even that it exists. */
  'invitation.revoke': member<InvitationSubject>('not-found', (a, s) => isSteward(a) || s.invitedBy === a.id),
  'account.manage': member<AccountSubject>('not-found', (a, s) => a.id === s.userId),
  'account.exportData': member<AccountSubject>('not-found', (a, s) => a.id === s.userId),
  /** Steward-only notification kinds (new applications, reports) appear in a steward's email settings. */
  'notificationPrefs.stewardKinds': member<NoSubject>('forbidden', (a) => isSteward(a)),
} satisfies Record<string, Rule<never>>;
