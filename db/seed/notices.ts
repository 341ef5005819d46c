import { db } from '../connection';
import { fieldsFromInput, scheduleExpiryReminder } from '../../app/modules/notices/notices.server';
import type { NoticeInput } from '../../app/modules/notices/notices.schema';

const DAY = 24 * 60 * 60_000;

interface SeedNotice {
  key: string;
  author: string;
  /** Days ago it was posted. */
  ago: number;
  input: Partial<NoticeInput> & Pick<NoticeInput, 'type' | 'title' | 'description' | 'city'>;
  /** Days from now it expires (negative = already expired); overrides the computed expiry. */
  expiresIn?: number;
  closed?: boolean;
  pinned?: boolean;
  responses?: [string, 'help' | 'interested' | 'attend'][];
  comments?: [string, string, string?][];
}

function date(daysFromNow: number): string {
  return new Date(Date.now() + daysFromNow * DAY).toISOString().slice(0, 10);
}
function dateTime(daysFromNow: number, hour: number): string {
  return `${date(daysFromNow)}T${String(hour).padStart(2, '0')}:00`;
}

/** 36 demo notices of every type across the three cities; some expired, some with responses. */
const NOTICES: SeedNotice[] = [
  { key: '01', author: 'kwame', ago: 2, input: { type: 'offer', title: 'Two sofas and six chairs, upcycled', description: 'Free to any member project that needs furniture for a drop-in space. Collection from Digbeth.', city: 'birmingham', themes: ['environment', 'social-enterprise'], untilDate: date(20) }, responses: [['amina', 'interested'], ['chidi', 'interested']] },
  { key: '02', author: 'amina', ago: 1, input: { type: 'request', title: 'Somali interpreter for tenancy workshop', description: 'We need a volunteer interpreter for a two-hour workshop on deposits and repairs.\n\n- Saturday morning\n- Small Heath', city: 'birmingham', themes: ['housing'], untilDate: date(12) }, responses: [['layla', 'help']], comments: [['yonas', 'My cousin may be free, I will ask.'], ['amina', 'Thank you, that would be wonderful!', 'c1']] },
  { key: '03', author: 'steward', ago: 3, pinned: true, input: { type: 'funding', title: 'Community Fund: Awards for All', description: 'Small grants for community groups. Unincorporated groups can apply with a host organisation.\n\nSee https://www.tnlcommunityfund.org.uk/', city: 'online', themes: ['social-enterprise'], funder: 'National Lottery Community Fund', amountMin: '300', amountMax: '20000', deadline: date(25), eligibility: 'Voluntary and community groups with a UK bank account', link: 'https://www.tnlcommunityfund.org.uk/', isPublic: true }, responses: [['bilal', 'interested'], ['ioana', 'interested'], ['kwame', 'interested']] },
  { key: '04', author: 'mentor3', ago: 4, input: { type: 'event', title: 'Bid-writing workshop for small groups', description: 'A practical morning on writing a strong funding bid. Bring a project idea.', city: 'birmingham', themes: ['social-enterprise', 'education'], startsAt: dateTime(9, 10), endsAt: dateTime(9, 13), place: 'Impact Hub, Digbeth', isPublic: true }, responses: [['mariam', 'attend'], ['olena', 'attend'], ['farah', 'interested']] },
  { key: '05', author: 'mentor2', ago: 5, input: { type: 'resource', title: 'Simple project budget template', description: 'A spreadsheet template for small grant budgets, with notes on in-kind contributions.', city: 'online', themes: ['social-enterprise'], link: 'https://example.org/templates/budget' } },
  { key: '06', author: 'ioana', ago: 6, input: { type: 'opportunity', title: 'Community health champion (paid, part-time)', description: 'Coventry health partnership is hiring Romanian-speaking champions, 10 hours a week.', city: 'coventry', themes: ['health'], opportunityKind: 'job', untilDate: date(14), link: 'https://example.org/jobs/champion' } },
  { key: '07', author: 'yonas', ago: 2, input: { type: 'request', title: 'Football pitch on Sunday afternoons', description: 'Our mental health football group is looking for a free or cheap pitch in Coventry.', city: 'coventry', themes: ['mental-health', 'youth'] }, comments: [['sofia', 'Try the community centre in Hillfields, they have a 5-a-side pitch.']] },
  { key: '08', author: 'mariam', ago: 8, input: { type: 'offer', title: 'Sewing machines to lend', description: 'We have three sewing machines we can lend to another group for a month.', city: 'wolverhampton', themes: ['women', 'environment'] }, responses: [['layla', 'interested']] },
  { key: '09', author: 'olena', ago: 3, input: { type: 'request', title: 'Volunteer maths tutors for home-schooling families', description: 'Two hours a week, online or in Wolverhampton.', city: 'wolverhampton', themes: ['education'] }, responses: [['piotr', 'help']] },
  { key: '10', author: 'piotr', ago: 7, input: { type: 'event', title: 'Polish Saturday school open day', description: 'Families are welcome to see the classes and meet the teachers.', city: 'wolverhampton', themes: ['education', 'language-culture'], startsAt: dateTime(12, 10), endsAt: dateTime(12, 14), place: 'St Peter’s Hall, Wolverhampton', isPublic: true } },
  { key: '11', author: 'chidi', ago: 1, input: { type: 'opportunity', title: 'Radio presenting training, 6 weeks', description: 'Free training in presenting and editing for community radio.', city: 'birmingham', themes: ['arts-media'], opportunityKind: 'training', untilDate: date(10) }, responses: [['yonas', 'interested']] },
  { key: '12', author: 'sofia', ago: 9, input: { type: 'resource', title: 'Know your rights: leaflet in 6 languages', description: 'A printable leaflet about rights at work, in Portuguese, Spanish, Arabic, Urdu, Polish and Romanian.', city: 'online', themes: ['rights-citizenship', 'employment'], link: 'https://example.org/leaflets/rights', isPublic: true } },
  { key: '13', author: 'bilal', ago: 4, input: { type: 'event', title: 'Employment rights drop-in', description: 'Bring your payslips and contracts; advisers speak Urdu, Punjabi and English.', city: 'birmingham', themes: ['employment'], startsAt: dateTime(6, 17), endsAt: dateTime(6, 19), place: 'Sparkhill Library' }, responses: [['amina', 'attend']] },
  { key: '14', author: 'layla', ago: 10, input: { type: 'offer', title: 'Storytelling facilitator for your group', description: 'I can run a storytelling session for women’s groups, in Arabic, Kurdish or English.', city: 'coventry', themes: ['arts-media', 'women'] } },
  { key: '15', author: 'farah', ago: 2, input: { type: 'request', title: 'Room for women’s health circle in Walsall', description: 'Looking for a quiet room with a kettle for 12 people, Thursday mornings.', city: 'west-midlands', themes: ['health', 'women'] } },
  { key: '16', author: 'mentor1', ago: 5, input: { type: 'funding', title: 'Heritage Fund: small grants', description: 'Grants for projects that share the heritage of communities.', city: 'online', themes: ['language-culture', 'arts-media'], funder: 'Heritage Fund', amountMin: '3000', amountMax: '10000', deadline: date(40), link: 'https://www.heritagefund.org.uk/', isPublic: true } },
  { key: '17', author: 'mentor2', ago: 6, input: { type: 'offer', title: 'Free bookkeeping check-ups', description: 'One hour with an accountant to set up simple books for your group.', city: 'wolverhampton', themes: ['social-enterprise'] }, responses: [['mariam', 'interested'], ['olena', 'interested']] },
  { key: '18', author: 'mentor3', ago: 3, input: { type: 'opportunity', title: 'Volunteer coordinators for summer festival', description: 'Help us coordinate 40 volunteers at the summer community festival.', city: 'birmingham', themes: ['arts-media'], opportunityKind: 'volunteering' } },
  { key: '19', author: 'kwame', ago: 11, input: { type: 'resource', title: 'Guide: registering a CIC step by step', description: 'Our notes from registering as a Community Interest Company.', city: 'online', themes: ['social-enterprise'], link: 'https://www.gov.uk/government/publications/community-interest-companies-how-to-form-a-cic' } },
  { key: '20', author: 'amina', ago: 12, input: { type: 'event', title: 'Housing surgery with Shelter advisers', description: 'One-to-one advice on repairs, deposits and eviction notices.', city: 'birmingham', themes: ['housing'], startsAt: dateTime(3, 11), endsAt: dateTime(3, 15), place: 'Small Heath Community Centre' }, responses: [['bilal', 'attend'], ['chidi', 'attend']] },
  { key: '21', author: 'ioana', ago: 2, input: { type: 'offer', title: 'Meeting room in Foleshill on weekday evenings', description: 'Our room seats 20 and is free for member groups.', city: 'coventry', themes: ['health'] } },
  { key: '22', author: 'yonas', ago: 13, input: { type: 'funding', title: 'Sport England: Movement Fund', description: 'Funding to help people get active.', city: 'online', themes: ['mental-health', 'youth'], funder: 'Sport England', amountMin: '300', amountMax: '15000', deadline: date(30), link: 'https://www.sportengland.org/funds-and-campaigns/movement-fund' } },
  { key: '23', author: 'olena', ago: 1, input: { type: 'resource', title: 'Home-schooling timetable template (Ukrainian/English)', description: 'A weekly timetable template families can print.', city: 'online', themes: ['education'], link: 'https://example.org/templates/timetable' } },
  { key: '24', author: 'piotr', ago: 4, input: { type: 'request', title: 'Projector for a film night', description: 'Can anyone lend us a projector for one evening?', city: 'wolverhampton', themes: ['arts-media', 'language-culture'], untilDate: date(8) }, responses: [['chidi', 'help']] },
  { key: '25', author: 'sofia', ago: 2, input: { type: 'opportunity', title: 'Citizenship ambassador programme', description: 'Training for community members to run rights-awareness sessions.', city: 'coventry', themes: ['rights-citizenship'], opportunityKind: 'training', untilDate: date(21) } },
  { key: '26', author: 'bilal', ago: 6, input: { type: 'offer', title: 'Translation of short documents into Urdu', description: 'I can translate leaflets and letters up to two pages.', city: 'online', themes: ['language-culture'] } },
  { key: '27', author: 'layla', ago: 3, input: { type: 'event', title: 'Kurdish New Year celebration', description: 'Music, food and dancing. Everyone welcome.', city: 'coventry', themes: ['language-culture', 'arts-media'], startsAt: dateTime(15, 18), endsAt: dateTime(15, 22), place: 'Coventry Cathedral Undercroft', isPublic: true }, responses: [['sofia', 'attend'], ['ioana', 'attend'], ['yonas', 'attend']] },
  { key: '28', author: 'farah', ago: 5, input: { type: 'resource', title: 'Health access guide for new arrivals (Urdu/Hindi)', description: 'How to register with a GP and what to bring.', city: 'online', themes: ['health'], link: 'https://example.org/guides/gp', isPublic: true } },
  { key: '29', author: 'chidi', ago: 7, input: { type: 'request', title: 'Guests for a podcast on migrant entrepreneurs', description: 'Tell your story in a 30-minute interview.', city: 'birmingham', themes: ['arts-media', 'social-enterprise'] } },
  { key: '30', author: 'mariam', ago: 1, input: { type: 'opportunity', title: 'English conversation volunteers', description: 'Join our sewing circle and chat in English with learners.', city: 'wolverhampton', themes: ['language-culture', 'women'], opportunityKind: 'volunteering' } },
  // Expired or closed: in the archive.
  { key: '31', author: 'kwame', ago: 45, expiresIn: -15, input: { type: 'offer', title: 'Van for a weekend move', description: 'Our van was free for one weekend.', city: 'birmingham', themes: ['environment'] } },
  { key: '32', author: 'mentor3', ago: 50, expiresIn: -20, input: { type: 'event', title: 'Trainers’ network meeting (autumn)', description: 'Our autumn meeting.', city: 'birmingham', themes: ['education'], startsAt: dateTime(-20, 10), endsAt: dateTime(-20, 12), place: 'Birmingham Voluntary Service Council' } },
  { key: '33', author: 'mentor1', ago: 60, expiresIn: -5, input: { type: 'funding', title: 'Local Giving: winter grants', description: 'Winter grants round.', city: 'online', themes: ['social-enterprise'], funder: 'Local Giving', amountMax: '2000', deadline: date(-5), link: 'https://localgiving.org/' } },
  { key: '34', author: 'amina', ago: 20, closed: true, input: { type: 'request', title: 'Arabic speaker for a home visit', description: 'Met, thank you Layla!', city: 'birmingham', themes: ['housing'] }, responses: [['layla', 'help']] },
  { key: '35', author: 'mentor2', ago: 35, expiresIn: -3, input: { type: 'resource', title: 'Year-end accounts checklist (last year)', description: 'Replaced by this year’s version.', city: 'online', themes: ['social-enterprise'], link: 'https://example.org/checklists/year-end' } },
  { key: '36', author: 'olena', ago: 25, closed: true, input: { type: 'offer', title: 'Children’s books in Ukrainian', description: 'Taken by the Saturday school.', city: 'wolverhampton', themes: ['education'] } },
];

/** Idempotent: each demo notice has a fixed id and is only inserted once. */
export async function seedNotices(people: Record<string, string>) {
  const now = Date.now();
  let added = 0;
  for (const n of NOTICES) {
    const id = `demo-notice-${n.key}`;
    const authorId = people[n.author];
    if (!authorId) continue;
    if (await db.selectFrom('notices').select('id').where('id', '=', id).executeTakeFirst()) continue;
    const createdAt = now - n.ago * DAY;
    const fields = fieldsFromInput({ themes: [], isPublic: false, ...n.input } as NoticeInput, createdAt);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('notices')
        .values({
          id,
          author_id: authorId,
          ...fields,
          expires_at: n.expiresIn !== undefined ? now + n.expiresIn * DAY : fields.expires_at,
          pinned: n.pinned ? 1 : 0,
          status: n.closed ? 'closed' : 'open',
          closed_at: n.closed ? now - DAY : null,
          hidden: 0,
          created_at: createdAt,
          updated_at: createdAt,
        })
        .execute();
      for (const [who, kind] of n.responses ?? []) {
        if (!people[who] || people[who] === authorId) continue;
        await trx.insertInto('notice_responses').values({ notice_id: id, user_id: people[who]!, kind, created_at: createdAt + 3600_000 }).onConflict((oc) => oc.doNothing()).execute();
      }
      let i = 0;
      const ids: Record<string, string> = {};
      for (const [who, body, parent] of n.comments ?? []) {
        i += 1;
        if (!people[who]) continue;
        const commentId = `${id}-c${i}`;
        ids[`c${i}`] = commentId;
        await trx
          .insertInto('notice_comments')
          .values({ id: commentId, notice_id: id, author_id: people[who]!, parent_id: parent ? (ids[parent] ?? null) : null, body, hidden: 0, created_at: createdAt + i * 7200_000 })
          .execute();
      }
    });
    if (!n.closed && n.expiresIn === undefined) await scheduleExpiryReminder({ id, type: fields.type, expires_at: fields.expires_at }, now);
    added++;
  }
  return added;
}
