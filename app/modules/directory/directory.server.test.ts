import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { db } from '~db/connection';
import { makeMember, outbox } from '../../../test/factories';
import { ProfileSchema, OrgSchema } from './directory.schema';
import { getProfileView, saveProfile } from './profiles.server';
import { ftsQuery, searchMembers, searchOrgs } from './search.server';
import { suggestPartners } from './matching.server';
import { createOrg, getOrgView, updateOrg, SlugTakenError, inviteToOrg, respondToInvite, removeMember } from './orgs.server';
import { block, deleteConversation, introduce, reply, getConversation } from './contact.server';
import { deleteAccount, exportMyData } from './account.server';
import { reencode } from './photo.server';
import { customTagLabels, ensureTags, listTags, mergeTags, setTagLabels } from './tags.server';

function profile(over: Record<string, unknown>) {
  const parsed = ProfileSchema.safeParse({ languages: [], offers: [], needs: [], themes: [], ...over });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

function org(over: Record<string, unknown>) {
  const parsed = OrgSchema.safeParse({ legalForm: 'unincorporated', ...over });
  if (!parsed.success) throw new Error(JSON.stringify(parsed.error.issues));
  return parsed.data;
}

const asViewer = (u: { id: string; role: 'member' | 'steward' }) => ({ id: u.id, role: u.role });

describe('profiles and who sees what', () => {
  it('shows each contact detail only to its audience; visitors get nothing for a members-only profile', async () => {
    const owner = await makeMember({ name: 'Hidden Phone' });
    const other = await makeMember();
    const saved = await saveProfile(
      owner.id,
      profile({ headline: 'Tenancy advice', phone: '07911 123456', phoneVisibility: 'me', whatsapp: '+40 712 345 678', whatsappVisibility: 'members', emailVisibility: 'public' }),
    );
    expect(saved.ok).toBe(true);
    const mine = await getProfileView(asViewer(owner), owner.id);
    expect(mine!.contact).toEqual({ email: owner.email, phone: '+447911123456', whatsapp: '+40712345678' });
    const theirs = await getProfileView(asViewer(other), owner.id);
    expect(theirs!.contact.phone).toBeUndefined();
    expect(theirs!.contact.whatsapp).toBe('+40712345678');
    expect(JSON.stringify(theirs)).not.toContain('7911123456');
    expect(await getProfileView(null, owner.id)).toBeNull();

    await saveProfile(owner.id, profile({ headline: 'Tenancy advice', phone: '07911 123456', phoneVisibility: 'me', whatsapp: '+40 712 345 678', whatsappVisibility: 'members', emailVisibility: 'public', publicProfile: 'on' }));
    const visitor = await getProfileView(null, owner.id);
    expect(visitor!.contact).toEqual({ email: owner.email });
    expect(JSON.stringify(visitor)).not.toMatch(/7911123456|712345678/);
  });

  it('rejects an invalid phone number without writing anything', async () => {
    const m = await makeMember();
    await saveProfile(m.id, profile({ headline: 'Before' }));
    const result = await saveProfile(m.id, profile({ headline: 'After', phone: '12345' }));
    expect(result).toEqual({ ok: false, problems: [{ field: 'phone', key: 'directory.profile.phoneInvalid' }] });
    const row = await db.selectFrom('profiles').select(['headline', 'phone']).where('user_id', '=', m.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ headline: 'Before', phone: null });
  });

  it('gives a message (not an exception) for a 10,000-character bio', () => {
    const result = ProfileSchema.safeParse({ bio: 'x'.repeat(10_000) });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]!.message).toBe('common.validation.tooLong');
  });
});

describe('directory search', () => {
  it('finds members by skills and words (prefix), never by hidden contact details, and survives FTS syntax', async () => {
    const a = await makeMember({ name: 'Zainab Searchable' });
    await saveProfile(a.id, profile({ headline: 'Community radio producer', offers: ['bid-writing'], phone: '07911 123457', phoneVisibility: 'me' }));
    expect((await searchMembers({ q: 'zain' })).items.map((m) => m.id)).toContain(a.id);
    expect((await searchMembers({ q: 'bid writ' })).items.map((m) => m.id)).toContain(a.id);
    expect((await searchMembers({ q: '123457' })).total).toBe(0);
    for (const nasty of ['"', '*', 'NEAR(', 'radio" OR "x', 'AND', '-radio', '^', '(((', 'name:radio', '""""']) {
      await expect(searchMembers({ q: nasty })).resolves.toBeDefined();
    }
    expect(ftsQuery('NEAR( "x" * OR')).toBe('"near"* "x"* "or"*');
  });

  it('is typo tolerant: a misspelt word still finds close matches', async () => {
    const a = await makeMember({ name: 'Typo Target' });
    await saveProfile(a.id, profile({ headline: 'Upcycling furniture workshops' }));
    const result = await searchMembers({ q: 'furnitre' });
    expect(result.items.map((m) => m.id)).toContain(a.id);
    // The closest indexed word within one typo: the page says "showing results for furniture".
    expect(result.suggestion).toBe('furniture');
  });

  it('combines filters, and visitors only ever search public profiles', async () => {
    const pub = await makeMember({ name: 'Filter Public' });
    const priv = await makeMember({ name: 'Filter Private' });
    await saveProfile(pub.id, profile({ city: 'coventry', languages: ['ar'], themes: ['housing'], offers: ['budgeting'], publicProfile: 'on', headline: 'Filterword' }));
    await saveProfile(priv.id, profile({ city: 'coventry', languages: ['ar'], themes: ['housing'], offers: ['budgeting'], headline: 'Filterword' }));
    const both = await searchMembers({ q: 'filterword', city: 'coventry', language: 'ar', theme: 'housing', offer: 'budgeting' });
    expect(both.items.map((m) => m.id).sort()).toEqual([pub.id, priv.id].sort());
    expect((await searchMembers({ q: 'filterword', city: 'birmingham' })).total).toBe(0);
    const visitors = await searchMembers({ q: 'filterword' }, 1, { publicOnly: true });
    expect(visitors.items.map((m) => m.id)).toEqual([pub.id]);
  });

  it('lists only opted-in organisations in the public directory', async () => {
    const lead = await makeMember();
    await createOrg(lead.id, org({ name: 'Listed Group', slug: 'listed-group', publicListing: 'on', description: 'gardening' }));
    await createOrg(lead.id, org({ name: 'Unlisted Group', slug: 'unlisted-group', description: 'gardening' }));
    const pub = await searchOrgs({ q: 'gardening' }, 1, { publicOnly: true });
    expect(pub.items.map((o) => o.slug)).toEqual(['listed-group']);
    expect((await searchOrgs({ q: 'gardening' })).total).toBe(2);
    expect(await getOrgView(null, 'unlisted-group')).toBeNull();
    expect(await getOrgView(null, 'listed-group')).not.toBeNull();
  });
});

describe('partner matching', () => {
  it('suggests complementary members with reasons, leaving out opted-out, at-capacity and blocked people', async () => {
    const me = await makeMember({ name: 'Seeker' });
    await saveProfile(me.id, profile({ city: 'coventry', languages: ['ar'], needs: ['evaluation'], offers: ['design'], themes: ['health'] }));
    const good = await makeMember({ name: 'Good Match' });
    await saveProfile(good.id, profile({ city: 'coventry', languages: ['ar'], offers: ['evaluation'], themes: ['health'] }));
    const optedOut = await makeMember({ name: 'Opted Out' });
    await saveProfile(optedOut.id, profile({ offers: ['evaluation'], matchingOptOut: 'on' }));
    const full = await makeMember({ name: 'At Capacity' });
    await saveProfile(full.id, profile({ offers: ['evaluation'], mentoringOpen: 'on', mentoringAtCapacity: 'on' }));
    const blocker = await makeMember({ name: 'Blocker' });
    await saveProfile(blocker.id, profile({ offers: ['evaluation'] }));
    await block(blocker.id, me.id);

    const s = await suggestPartners({ forUserId: me.id, needs: ['evaluation'], offers: ['design'], themes: ['health'] });
    const ids = s.map((x) => x.id);
    expect(ids[0]).toBe(good.id);
    expect(ids).not.toContain(optedOut.id);
    expect(ids).not.toContain(full.id);
    expect(ids).not.toContain(blocker.id);
    expect(ids).not.toContain(me.id);
    expect(s[0]!.reasons).toEqual([
      { key: 'directory.reasons.offersNeed', values: { tag: 'evaluation' } },
      { key: 'directory.reasons.sharedTheme', values: { theme: 'health' } },
      { key: 'directory.reasons.sameCity', values: { city: 'coventry' } },
      { key: 'directory.reasons.speaks', values: { language: 'ar' } },
    ]);
  });

  it('suggests organisations too (the bids contract: themes + missing skills)', async () => {
    const lead = await makeMember();
    await createOrg(lead.id, org({ name: 'Eval Org', slug: 'eval-org', offers: ['evaluation'], themes: ['environment'] }));
    const s = await suggestPartners({ needs: ['evaluation'], themes: ['environment'], limit: 50 });
    const o = s.find((x) => x.kind === 'org' && x.name === 'Eval Org');
    expect(o?.href).toBe('/orgs/eval-org');
  });
});

describe('organisations', () => {
  it('only leads can change an organisation; a taken slug is refused', async () => {
    const lead = await makeMember();
    const member = await makeMember();
    const id = await createOrg(lead.id, org({ name: 'Lead Only', slug: 'lead-only' }));
    await expect(updateOrg(id, member, org({ name: 'Hacked', slug: 'lead-only' }))).rejects.toMatchObject({ status: 403 });
    expect((await db.selectFrom('organisations').select('name').where('id', '=', id).executeTakeFirstOrThrow()).name).toBe('Lead Only');
    await expect(createOrg(member.id, org({ name: 'Copy', slug: 'lead-only' }))).rejects.toBeInstanceOf(SlugTakenError);
    expect(await db.selectFrom('organisations').select('id').where('name', '=', 'Copy').executeTakeFirst()).toBeUndefined();
  });

  it('invites, accepts, and never removes the last lead', async () => {
    const lead = await makeMember();
    const invitee = await makeMember();
    const id = await createOrg(lead.id, org({ name: 'Invites', slug: 'invites-org' }));
    await expect(inviteToOrg(id, invitee, lead.id)).rejects.toMatchObject({ status: 403 });
    expect(await inviteToOrg(id, lead, invitee.id)).toBe('ok');
    expect(await respondToInvite(id, invitee.id, true)).toBe(true);
    expect(await removeMember(id, lead, lead.id)).toBe('invalid');
    await expect(removeMember(id, invitee, lead.id)).rejects.toMatchObject({ status: 403 });
    // A stranger cannot "leave" an organisation they are not in, nor learn its members that way.
    await expect(removeMember(id, await makeMember(), lead.id)).rejects.toMatchObject({ status: 403 });
  });
});

describe('introductions, conversations and blocking', () => {
  it('emails the recipient the message, hides a private sender address, and stops after a block', async () => {
    const from = await makeMember({ name: 'Intro Sender' });
    const to = await makeMember({ name: 'Intro Recipient' });
    const result = await introduce({ id: from.id, name: from.name }, to.id, 'Hello, shall we bid together?');
    expect(result.ok).toBe(true);
    const [mail] = await outbox(to.email);
    expect(mail!.text_body).toContain('Hello, shall we bid together?');
    expect(mail!.text_body).not.toContain(from.email);
    const note = await db.selectFrom('notifications').selectAll().where('user_id', '=', to.id).executeTakeFirstOrThrow();
    expect(note.kind).toBe(`directory.introduction`);

    const convId = result.ok ? result.conversationId : '';
    const stranger = await makeMember();
    await expect(getConversation(convId, stranger)).rejects.toMatchObject({ status: 404 });
    await expect(reply(convId, { ...stranger, name: 'S' }, 'Me too')).rejects.toMatchObject({ status: 404 });
    await expect(deleteConversation(convId, await makeMember({ role: 'steward' }))).rejects.toMatchObject({ status: 404 });
    expect(await reply(convId, to, 'Yes!')).toBe('ok');

    await block(to.id, from.id);
    expect(await introduce({ id: from.id, name: from.name }, to.id, 'Again')).toEqual({ ok: false, reason: 'blocked' });
    expect(await reply(convId, from, 'Still there?')).toBe('blocked');
    const count = await db.selectFrom('directory_messages').select((eb) => eb.fn.countAll<number>().as('n')).where('conversation_id', '=', convId).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });
});

describe('your data', () => {
  it('exports without secrets, and deletion anonymises the account but keeps the row', async () => {
    const m = await makeMember({ name: 'Leaving Member', password: 'correct horse battery staple' });
    await saveProfile(m.id, profile({ headline: 'Going soon', phone: '07911 123458', phoneVisibility: 'members', offers: ['budgeting'] }));
    const data = await exportMyData(m.id);
    expect(data.profile?.phone).toBe('+447911123458');
    expect(JSON.stringify(data)).not.toContain('password_hash');

    expect(await deleteAccount(m.id, 'wrong password')).toBe('wrongPassword');
    expect(await deleteAccount(m.id, 'correct horse battery staple')).toBe('ok');
    const row = await db.selectFrom('users').selectAll().where('id', '=', m.id).executeTakeFirstOrThrow();
    expect(row.name).toBe('Former member');
    expect(row.status).toBe('suspended');
    expect(row.email).toMatch(/@deleted\.invalid$/);
    expect(row.ceased_at).not.toBeNull();
    expect(await db.selectFrom('profiles').select('user_id').where('user_id', '=', m.id).executeTakeFirst()).toBeUndefined();
    expect(await db.selectFrom('member_tags').select('user_id').where('user_id', '=', m.id).executeTakeFirst()).toBeUndefined();
    expect(await getProfileView({ id: 'x', role: 'member' }, m.id)).toBeNull();
    expect((await searchMembers({ q: 'leaving' })).total).toBe(0);
  });
});

describe('photos and tags', () => {
  it('re-encodes real images and refuses anything else', async () => {
    const png = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#c00' } }).png().toBuffer();
    const out = await reencode(new Uint8Array(png));
    expect(out).not.toBeNull();
    const meta = await sharp(out!).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['webp', 400, 400]);
    expect(await reencode(new TextEncoder().encode('<svg onload="alert(1)"></svg>'))).toBeNull();
    expect(await reencode(new TextEncoder().encode('GIF89a not really'))).toBeNull();
  });

  it('lets members add tags and stewards merge duplicates', async () => {
    const m = await makeMember();
    const [a] = await ensureTags(['Grant Reporting'], m.id);
    const [b] = await ensureTags(['Grant reports'], m.id);
    await db.insertInto('member_tags').values({ user_id: m.id, kind: 'offer', tag: b! }).execute();
    await expect(mergeTags(m, b!, a!)).rejects.toMatchObject({ status: 403 });
    expect(await mergeTags(await makeMember({ role: 'steward' }), b!, a!)).toBe(true);
    const tags = await db.selectFrom('member_tags').select('tag').where('user_id', '=', m.id).execute();
    expect(tags.map((t) => t.tag)).toEqual([a]);
    expect((await listTags()).map((t) => t.slug)).not.toContain(b);
    expect(await ensureTags(['grant reports'], m.id)).toEqual([a]);
  });
});

// The tag lists are kept until the database changes (./read-cache.server.ts): a tag added, labelled
// or merged shows on the very next read, in every language already asked for.
describe('tag lists after a change', () => {
  it('show a new tag, its label and a merge at once', async () => {
    const m = await makeMember();
    const steward = await makeMember({ role: 'steward' });
    const before = (await listTags('pl')).map((t) => t.slug);
    await customTagLabels('pl');
    const [added] = await ensureTags([`Cache check ${Date.now()}`], m.id);
    expect((await listTags('pl')).map((t) => t.slug)).toEqual(expect.arrayContaining([...before, added!]));
    expect(await setTagLabels(steward, added!, { pl: 'Sprawdzenie pamięci' })).toBe(true);
    expect((await customTagLabels('pl'))[added!]).toBe('Sprawdzenie pamięci');
    expect((await listTags('pl')).find((t) => t.slug === added)?.label).toBe('Sprawdzenie pamięci');
    expect(await mergeTags(steward, added!, 'budgeting')).toBe(true);
    expect((await listTags('pl')).map((t) => t.slug)).not.toContain(added);
  });
});
