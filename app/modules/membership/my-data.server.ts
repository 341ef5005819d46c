import { db } from '~db/connection';

/**
 * "Your data" (settings → export), membership part: the member's application(s) for membership and
 * the invitations that concern them. The voice/video note itself is never put in the export: only
 * whether one was sent and whether it is still kept (it is deleted 30 days after the decision).
 */
export async function membershipData(userId: string, email: string) {
  const [applications, invitedWith, invitationsSent] = await Promise.all([
    db
      .selectFrom('applications')
      .select(['name', 'email', 'city', 'languages', 'about', 'locale', 'status', 'decision_message', 'note_path', 'note_mime', 'note_size', 'note_duration', 'created_at', 'reviewed_at'])
      .where('email', '=', email.toLowerCase())
      .orderBy('created_at')
      .execute(),
    db
      .selectFrom('invitations as i')
      .leftJoin('users as u', 'u.id', 'i.invited_by')
      .select(['u.name as invitedBy', 'i.created_at', 'i.used_at'])
      .where('i.used_by', '=', userId)
      .execute(),
    db.selectFrom('invitations').select(['created_at', 'used_at', 'revoked_at']).where('invited_by', '=', userId).orderBy('created_at').execute(),
  ]);
  return {
    applications: applications.map(({ note_path: notePath, note_mime: mime, note_size: size, note_duration: duration, languages, ...a }) => ({
      ...a,
      languages: JSON.parse(languages) as unknown,
      // The recording is not exported; say whether there was one and whether it is still kept.
      voiceNote: mime ? { sent: true, stillKept: Boolean(notePath), type: mime, bytes: size, seconds: duration } : { sent: false },
    })),
    joinedWithInvitation: invitedWith,
    // Whom you invited is their address, not yours: only when and whether it was used.
    invitationsYouSent: invitationsSent.map((i) => ({ created_at: i.created_at, used: i.used_at !== null, revoked: i.revoked_at !== null })),
  };
}
