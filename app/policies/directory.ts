/**
 * Who may see and do what in the member directory: profiles and their contact details, organisations,
 * and conversations (introductions and replies).
 *  - A profile is seen by every member; by visitors only when its owner made it public (else 404).
 *  - Each contact detail has its own visibility: 'me' (owner only — not stewards), 'members', 'public'.
 *  - An organisation is seen by every member; by visitors only when its leads listed it publicly.
 *    Only its leads change it; a member may leave it.
 *  - A conversation is its two people's only — stewards included, so refusals are 404.
 */
import type { FieldVisibility } from '~db/schema.directory';
import { anyone, member, type Rule } from './core';

export interface ProfileSubject {
  id: string;
  publicProfile: boolean;
}

export interface ContactField {
  ownerId: string;
  visibility: FieldVisibility;
}

export interface OrgSubject {
  publicListing: boolean;
  /** The actor's role in the organisation, null when not a member of it. */
  role: 'lead' | 'member' | null;
}

export interface ConversationSubject {
  aId: string;
  bId: string;
}

const inConversation = (actorId: string, s: ConversationSubject) => actorId === s.aId || actorId === s.bId;

export const directoryPolicy = {
  'profile.read': anyone<ProfileSubject>('not-found', (a, s) => a !== null || s.publicProfile),
  'profile.edit': member<ProfileSubject>('forbidden', (a, s) => a.id === s.id),
  'profile.seeField': anyone<ContactField>('forbidden', (a, s) => {
    if (a?.id === s.ownerId) return true;
    if (s.visibility === 'public') return true;
    return a !== null && s.visibility === 'members';
  }),
  /** Introduce oneself to, block or unblock another member (never oneself). */
  'profile.contact': member<ProfileSubject>('forbidden', (a, s) => a.id !== s.id),
  'org.read': anyone<OrgSubject>('not-found', (a, s) => a !== null || s.publicListing),
  'org.manage': member<OrgSubject>('forbidden', (_a, s) => s.role === 'lead'),
  'org.leave': member<OrgSubject>('not-found', (_a, s) => s.role !== null),
  'conversation.read': member<ConversationSubject>('not-found', (a, s) => inConversation(a.id, s)),
  'conversation.reply': member<ConversationSubject>('not-found', (a, s) => inConversation(a.id, s)),
  'conversation.delete': member<ConversationSubject>('not-found', (a, s) => inConversation(a.id, s)),
} satisfies Record<string, Rule<never>>;
