import fs from 'node:fs';
import { db } from '~db/connection';
import { hashPassword, verifyPassword } from '~/modules/auth/password.server';
import { endAllSessions } from '~/modules/auth/session.server';
import { newToken } from '~/modules/auth/tokens.server';
import { audit } from '~/modules/network/settings.server';
import { bidsData } from '~/modules/bids/my-data.server';
import { documentCommentsData, documentEditingData } from '~/modules/collab/my-data.server';
import { governanceData, revokeProxiesOf } from '~/modules/governance/my-data.server';
import { membershipData } from '~/modules/membership/my-data.server';
import { endMentorshipsOf, mentoringData } from '~/modules/mentoring/my-data.server';
import { eraseNoticesData, noticesData } from '~/modules/notices/my-data.server';
import { eraseNotifications, notificationsData } from '~/modules/notifications/my-data.server';
import { eraseFundingData, fundingData } from '~/modules/funding/my-data.server';
import { removeStored } from '~/modules/uploads/uploads.server';
import { parseList } from './profiles.server';
import { notePathOnDisk } from '~/modules/membership/note-upload.server';
import { photoFile } from './photo.server';

/**
 * "Your data": download everything the directory and account hold about a member, and delete the
 * account. Deleting never removes the `users` row (other areas' rows point at it): it is anonymised
 * — name "Former member" (shown translated via `common.formerMember`), a unique undeliverable email,
 * a random password, status 'suspended', ceased_at set — and the profile, contact details, photo,
 * tags, organisation memberships, invitations, conversations, blocks, notifications and sessions go.
 */
export { FORMER_MEMBER_NAME, isDeletedAccount } from './former-member';
import { DELETED_EMAIL_DOMAIN, FORMER_MEMBER_NAME } from './former-member';

/**
 * Everything the workspace holds about a member, as one JSON document. Each area owns its part
 * (`<area>/my-data.server.ts`) and decides what of shared work is the member's to take away.
 */
export async function exportMyData(userId: string) {
  const directory = await directoryData(userId);
  const [membership, notifications, mentoring, bids, documentComments, documentEditing, noticeboard, governance] = await Promise.all([
    membershipData(userId, directory.account.email),
    notificationsData(userId),
    mentoringData(userId),
    bidsData(userId),
    documentCommentsData(userId),
    documentEditingData(userId),
    noticesData(userId),
    governanceData(userId),
  ]);
  const seedFund = await fundingData(userId);
  return {
    exportedAt: new Date().toISOString(),
    ...directory,
    membership,
    ...notifications,
    mentoring,
    bids,
    documentComments,
    documentEditing,
    noticeboard,
    governance,
    seedFund,
  };
}

/** The directory and account part of the export. */
async function directoryData(userId: string) {
  const user = await db
    .selectFrom('users')
    .select(['id', 'name', 'email', 'role', 'is_mentor', 'status', 'locale', 'city', 'languages', 'joined_at', 'created_at', 'updated_at'])
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  const [profile, tags, themes, orgs, invites, conversations, blocks, tagsCreated] = await Promise.all([
    db.selectFrom('profiles').selectAll().where('user_id', '=', userId).executeTakeFirst(),
    db.selectFrom('member_tags').select(['kind', 'tag']).where('user_id', '=', userId).execute(),
    db.selectFrom('member_themes').select('theme').where('user_id', '=', userId).execute(),
    db
      .selectFrom('organisation_members as m')
      .innerJoin('organisations as o', 'o.id', 'm.org_id')
      .select(['o.name', 'o.slug', 'm.role', 'm.created_at'])
      .where('m.user_id', '=', userId)
      .execute(),
    db.selectFrom('org_invites as i').innerJoin('organisations as o', 'o.id', 'i.org_id').select(['o.name', 'o.slug', 'i.created_at']).where('i.user_id', '=', userId).execute(),
    db
      .selectFrom('directory_conversations')
      .select(['id', 'a_id', 'b_id', 'created_at'])
      .where((eb) => eb.or([eb('a_id', '=', userId), eb('b_id', '=', userId)]))
      .execute(),
    db.selectFrom('directory_blocks as b').innerJoin('users as u', 'u.id', 'b.blocked_id').select(['u.name', 'b.created_at']).where('b.user_id', '=', userId).execute(),
    db.selectFrom('directory_tags').select(['slug', 'label', 'created_at']).where('created_by', '=', userId).execute(),
  ]);
  const threads = [];
  for (const c of conversations) {
    const otherId = c.a_id === userId ? c.b_id : c.a_id;
    const other = await db.selectFrom('users').select(['name', 'status']).where('id', '=', otherId).executeTakeFirst();
    const messages = await db.selectFrom('directory_messages').select(['sender_id', 'body', 'introduction', 'created_at']).where('conversation_id', '=', c.id).orderBy('created_at').execute();
    threads.push({
      with: other?.status === 'active' ? other.name : FORMER_MEMBER_NAME,
      started: new Date(c.created_at).toISOString(),
      messages: messages.map((m) => ({ from: m.sender_id === userId ? 'me' : 'them', introduction: m.introduction === 1, body: m.body, at: new Date(m.created_at).toISOString() })),
    });
  }
  let profileOut = null;
  if (profile) {
    const { photo_path: photoPath, ...rest } = profile;
    profileOut = { ...rest, hasPhoto: Boolean(photoPath), mentoring_areas: parseList(profile.mentoring_areas) };
  }
  return {
    account: { ...user, languages: parseList(user.languages) },
    profile: profileOut,
    skillsOffered: tags.filter((t) => t.kind === 'offer').map((t) => t.tag),
    supportNeeded: tags.filter((t) => t.kind === 'need').map((t) => t.tag),
    themes: themes.map((t) => t.theme),
    tagsYouAdded: tagsCreated,
    organisations: orgs,
    organisationInvitations: invites,
    conversations: threads,
    blocked: blocks,
  };
}

export async function deleteAccount(userId: string, password: string): Promise<'ok' | 'wrongPassword' | 'notFound'> {
  const user = await db.selectFrom('users').select(['password_hash', 'status', 'email']).where('id', '=', userId).executeTakeFirst();
  if (!user || user.status !== 'active') return 'notFound';
  if (!(await verifyPassword(user.password_hash, password))) return 'wrongPassword';
  const randomHash = await hashPassword(newToken());
  const now = Date.now();
  const photo = await db.selectFrom('profiles').select('photo_path').where('user_id', '=', userId).executeTakeFirst();
  // Their application for membership (name, email, city, about, voice note) goes too.
  const applications = await db.selectFrom('applications').select(['id', 'note_path']).where('email', '=', user.email.toLowerCase()).execute();
  let fundRecordings: { path: string }[] = [];
  await db.transaction().execute(async (trx) => {
    // Organisations keep a lead: the longest-standing other member takes over where they were the only lead.
    const led = await trx.selectFrom('organisation_members').select('org_id').where('user_id', '=', userId).where('role', '=', 'lead').execute();
    for (const { org_id } of led) {
      const otherLead = await trx.selectFrom('organisation_members').select('user_id').where('org_id', '=', org_id).where('role', '=', 'lead').where('user_id', '!=', userId).executeTakeFirst();
      if (otherLead) continue;
      const next = await trx
        .selectFrom('organisation_members')
        .select('user_id')
        .where('org_id', '=', org_id)
        .where('user_id', '!=', userId)
        .orderBy('created_at')
        .executeTakeFirst();
      if (next) await trx.updateTable('organisation_members').set({ role: 'lead' }).where('org_id', '=', org_id).where('user_id', '=', next.user_id).execute();
    }
    await trx.deleteFrom('organisation_members').where('user_id', '=', userId).execute();
    await trx.deleteFrom('org_invites').where('user_id', '=', userId).execute();
    await trx.deleteFrom('member_tags').where('user_id', '=', userId).execute();
    await trx.deleteFrom('member_milestones').where('user_id', '=', userId).execute();
    await trx.deleteFrom('member_themes').where('user_id', '=', userId).execute();
    await trx.deleteFrom('profiles').where('user_id', '=', userId).execute();
    await trx.deleteFrom('directory_conversations').where((eb) => eb.or([eb('a_id', '=', userId), eb('b_id', '=', userId)])).execute();
    await trx.deleteFrom('directory_blocks').where((eb) => eb.or([eb('user_id', '=', userId), eb('blocked_id', '=', userId)])).execute();
    await eraseNotifications(trx, userId);
    // Newer areas: what is personal goes; shared work stays, shown as by a former member.
    await eraseNoticesData(trx, userId, now);
    await revokeProxiesOf(trx, userId, now);
    await endMentorshipsOf(trx, userId, now);
    fundRecordings = await eraseFundingData(trx, userId);
    await trx.deleteFrom('invitations').where('email', '=', user.email).where('used_at', 'is', null).execute();
    await trx.deleteFrom('password_resets').where('user_id', '=', userId).execute();
    if (applications.length) await trx.deleteFrom('applications').where('id', 'in', applications.map((a) => a.id)).execute();
    await trx
      .updateTable('users')
      .set({
        name: FORMER_MEMBER_NAME,
        email: `former-${userId}-${now}${DELETED_EMAIL_DOMAIN}`,
        password_hash: randomHash,
        status: 'suspended',
        is_mentor: 0,
        locale: null,
        city: null,
        languages: '[]',
        ceased_at: now,
        updated_at: now,
      })
      .where('id', '=', userId)
      .execute();
  });
  await endAllSessions(userId);
  await (await import('~/modules/collab/revocation.server')).accessChanged({ userId }); // close their live editors now (issue 12.4)
  if (photo?.photo_path) {
    const full = photoFile(photo.photo_path);
    if (full) await fs.promises.rm(full, { force: true });
  }
  for (const a of applications) {
    const note = a.note_path ? notePathOnDisk(a.note_path) : null;
    if (note) await fs.promises.rm(note, { force: true });
  }
  await removeStored(fundRecordings);
  await audit({ actorId: null, action: `directory.account_deleted`, subjectType: 'user', subjectId: userId });
  return 'ok';
}
