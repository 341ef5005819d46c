import { db } from '../connection';
import { newId } from '../../app/modules/auth/tokens.server';

/**
 * Directory demo data: complete profiles for the demo people and ten organisations (including
 * unincorporated groups hosted by an incorporated one) with themes, skills, needs and track record,
 * so search and partner matching have something to show. Idempotent: profiles are filled only while
 * empty; organisations are created once (by slug).
 */
interface P {
  bio: string;
  offers: string[];
  needs: string[];
  themes: string[];
  phone?: string;
  phoneVis?: 'me' | 'members' | 'public';
  whatsapp?: string;
  whatsappVis?: 'me' | 'members' | 'public';
  emailVis?: 'me' | 'members' | 'public';
  public?: boolean;
  mentoringAreas?: string[];
  atCapacity?: boolean;
}

const PROFILES: Record<string, P> = {
  steward: { bio: 'I coordinate the network and help new members find their feet.', offers: ['governance', 'events'], needs: ['digital'], themes: ['social-enterprise'], emailVis: 'members' },
  mentor1: { bio: 'Fifteen years writing bids for community groups; former funding officer at a regional trust.', offers: ['bid-writing', 'evaluation', 'mentoring'], needs: ['translation'], themes: ['employment', 'rights-citizenship'], emailVis: 'members', whatsapp: '+447911123001', whatsappVis: 'members', public: true, mentoringAreas: ['bid-writing', 'evaluation'] },
  mentor2: { bio: 'Chartered accountant helping small charities and CICs with budgets and annual accounts.', offers: ['budgeting', 'governance'], needs: ['marketing'], themes: ['social-enterprise'], emailVis: 'members', mentoringAreas: ['budgeting', 'governance'], atCapacity: true },
  mentor3: { bio: 'Trainer and community organiser. I run safeguarding and facilitation training.', offers: ['training', 'safeguarding', 'mentoring'], needs: ['venue'], themes: ['women', 'mental-health'], emailVis: 'members', phone: '+447911123003', phoneVis: 'members', mentoringAreas: ['safeguarding', 'training'] },
  amina: { bio: 'We help Somali families understand tenancy rights and deal with disrepair.', offers: ['translation', 'legal-rights'], needs: ['bid-writing', 'budgeting'], themes: ['housing', 'rights-citizenship'], phone: '+447911123004', phoneVis: 'me', whatsapp: '+447911123004', whatsappVis: 'members' },
  bilal: { bio: 'Workshops on employment rights for new arrivals, in Urdu and Punjabi.', offers: ['legal-rights', 'translation', 'training'], needs: ['bid-writing', 'marketing'], themes: ['employment', 'rights-citizenship'], emailVis: 'members' },
  ioana: { bio: 'Romanian community health champions helping people register with GPs.', offers: ['translation', 'volunteers'], needs: ['evaluation', 'bid-writing'], themes: ['health'], whatsapp: '+40712345678', whatsappVis: 'members', public: true },
  yonas: { bio: 'Weekly football and talking sessions for young Eritrean and Ethiopian men.', offers: ['events', 'volunteers'], needs: ['safeguarding', 'venue', 'budgeting'], themes: ['mental-health', 'youth'] },
  mariam: { bio: 'A sewing circle that doubles as English conversation practice for Afghan women.', offers: ['training', 'venue'], needs: ['bid-writing', 'marketing'], themes: ['women', 'language-culture'] },
  olena: { bio: 'Supporting Ukrainian refugee families who home-school their children.', offers: ['training', 'translation'], needs: ['digital', 'venue'], themes: ['education', 'youth'], emailVis: 'members' },
  kwame: { bio: 'We upcycle donated furniture and train young people in carpentry.', offers: ['venue', 'design', 'volunteers'], needs: ['marketing', 'bid-writing'], themes: ['environment', 'social-enterprise'], public: true },
  layla: { bio: 'Arts and storytelling workshops with Kurdish women, ending in a public exhibition.', offers: ['design', 'events', 'translation'], needs: ['budgeting', 'evaluation'], themes: ['arts-media', 'women'] },
  piotr: { bio: 'Polish Saturday school for 60 children, run by volunteer parents.', offers: ['volunteers', 'venue'], needs: ['governance', 'safeguarding'], themes: ['education', 'language-culture'] },
  farah: { bio: 'Women-only health sessions in Walsall with a GP and a translator.', offers: ['translation', 'events'], needs: ['evaluation', 'bid-writing'], themes: ['health', 'women'] },
  chidi: { bio: 'Community radio and podcasts for the African diaspora in Birmingham.', offers: ['marketing', 'digital', 'design'], needs: ['bid-writing', 'governance'], themes: ['arts-media'], public: true, emailVis: 'public' },
  sofia: { bio: 'Rights-awareness sessions for Portuguese- and Spanish-speaking workers.', offers: ['legal-rights', 'training'], needs: ['digital', 'volunteers'], themes: ['rights-citizenship', 'employment'] },
};

interface Org {
  slug: string;
  name: string;
  description: string;
  city: string;
  legal: 'unincorporated' | 'cic' | 'charity' | 'company' | 'other';
  reg?: string;
  host?: string;
  hostName?: string;
  year: number;
  website?: string;
  public: boolean;
  themes: string[];
  offers: string[];
  needs: string[];
  lead: string;
  members: string[];
  grants: { funder: string; amount: number; year: number; purpose: string }[];
}

const ORGS: Org[] = [
  { slug: 'brum-community-trust', name: 'Brum Community Trust', description: 'A registered charity that hosts funds for small migrant-led groups and lends meeting rooms.', city: 'birmingham', legal: 'charity', reg: '1187654', year: 2009, website: 'https://brum-trust.example.org', public: true, themes: ['social-enterprise', 'rights-citizenship'], offers: ['governance', 'budgeting', 'venue'], needs: ['translation'], lead: 'steward', members: [], grants: [{ funder: 'National Lottery Community Fund', amount: 60000, year: 2023, purpose: 'Core costs and small-group hosting' }] },
  { slug: 'coventry-migrant-hub-cic', name: 'Coventry Migrant Hub CIC', description: 'Advice, training and a drop-in for newly arrived people in Coventry.', city: 'coventry', legal: 'cic', reg: '12345678', year: 2017, website: 'https://covhub.example.org', public: true, themes: ['employment', 'rights-citizenship'], offers: ['bid-writing', 'training', 'evaluation'], needs: ['translation', 'volunteers'], lead: 'mentor1', members: ['sofia'], grants: [{ funder: 'Coventry City Council', amount: 15000, year: 2022, purpose: 'Employment advice sessions' }] },
  { slug: 'somali-tenants-voice', name: 'Somali Tenants Voice', description: 'Unincorporated group helping Somali families with tenancy rights and disrepair claims.', city: 'birmingham', legal: 'unincorporated', host: 'brum-community-trust', year: 2019, public: true, themes: ['housing', 'rights-citizenship'], offers: ['translation', 'legal-rights'], needs: ['bid-writing', 'budgeting'], lead: 'amina', members: [], grants: [{ funder: 'MiFriendly Cities seed fund', amount: 4000, year: 2019, purpose: 'Tenancy rights workshops' }] },
  { slug: 'eritrean-youth-football', name: 'Eritrean Youth Football', description: 'Football and talking sessions for young men; a safe place to talk about mental health.', city: 'coventry', legal: 'unincorporated', host: 'coventry-migrant-hub-cic', year: 2020, public: false, themes: ['mental-health', 'youth'], offers: ['events', 'volunteers'], needs: ['safeguarding', 'venue'], lead: 'yonas', members: [], grants: [{ funder: 'MiFriendly Cities seed fund', amount: 3000, year: 2020, purpose: 'Pitch hire and kit' }] },
  { slug: 'afghan-women-sewing-circle', name: 'Afghan Women Sewing Circle', description: 'Sewing, English conversation and friendship for Afghan women in Wolverhampton.', city: 'wolverhampton', legal: 'unincorporated', hostName: 'Wolverhampton Interfaith Group', year: 2021, public: true, themes: ['women', 'language-culture'], offers: ['training', 'venue'], needs: ['bid-writing', 'marketing'], lead: 'mariam', members: ['olena'], grants: [] },
  { slug: 'upcycle-brum-cic', name: 'Upcycle Brum CIC', description: 'Furniture upcycling social enterprise training young people in carpentry.', city: 'birmingham', legal: 'cic', reg: '11223344', year: 2018, website: 'https://upcycle-brum.example.org', public: true, themes: ['environment', 'social-enterprise', 'youth'], offers: ['venue', 'design', 'volunteers'], needs: ['marketing', 'bid-writing'], lead: 'kwame', members: ['chidi'], grants: [{ funder: 'MiFriendly Cities seed fund', amount: 6000, year: 2019, purpose: 'Workshop tools' }, { funder: 'Postcode Local Trust', amount: 20000, year: 2024, purpose: 'Apprentice wages' }] },
  { slug: 'kurdish-women-stories', name: 'Kurdish Women Stories', description: 'Arts and storytelling with Kurdish women, with a yearly exhibition.', city: 'coventry', legal: 'unincorporated', host: 'coventry-migrant-hub-cic', year: 2020, public: false, themes: ['arts-media', 'women'], offers: ['design', 'events'], needs: ['budgeting', 'evaluation'], lead: 'layla', members: [], grants: [] },
  { slug: 'polish-saturday-school', name: 'Polish Saturday School Wolverhampton', description: 'Saturday school teaching Polish language and culture to 60 children.', city: 'wolverhampton', legal: 'charity', reg: '1176543', year: 2011, public: true, themes: ['education', 'language-culture'], offers: ['volunteers', 'venue'], needs: ['governance', 'safeguarding'], lead: 'piotr', members: ['mentor2'], grants: [{ funder: 'Wolverhampton Council', amount: 2500, year: 2023, purpose: 'Books and classroom hire' }] },
  { slug: 'diaspora-radio', name: 'Diaspora Radio', description: 'Community radio and podcasts for the African diaspora.', city: 'birmingham', legal: 'company', reg: '09876543', year: 2016, website: 'https://diaspora-radio.example.org', public: false, themes: ['arts-media'], offers: ['marketing', 'digital'], needs: ['bid-writing', 'governance'], lead: 'chidi', members: [], grants: [] },
  { slug: 'walsall-womens-health', name: "Walsall Women's Health Circle", description: 'Women-only health sessions with a GP and translators.', city: 'west-midlands', legal: 'unincorporated', host: 'brum-community-trust', year: 2022, public: true, themes: ['health', 'women'], offers: ['translation', 'events'], needs: ['evaluation', 'bid-writing'], lead: 'farah', members: ['ioana'], grants: [] },
];

export async function seedDirectory(people: Record<string, string>): Promise<void> {
  const now = Date.now();
  for (const [key, p] of Object.entries(PROFILES)) {
    const userId = people[key];
    if (!userId) continue;
    const existing = await db.selectFrom('profiles').select(['bio']).where('user_id', '=', userId).executeTakeFirst();
    if (existing?.bio) continue;
    await db.transaction().execute(async (trx) => {
      const values = {
        bio: p.bio,
        mentoring_areas: JSON.stringify(p.mentoringAreas ?? []),
        mentoring_at_capacity: p.atCapacity ? 1 : 0,
        public_profile: p.public ? 1 : 0,
        email_visibility: p.emailVis ?? 'me',
        phone: p.phone ?? null,
        phone_visibility: p.phoneVis ?? 'me',
        whatsapp: p.whatsapp ?? null,
        whatsapp_visibility: p.whatsappVis ?? 'me',
        updated_at: now,
      };
      await trx
        .insertInto('profiles')
        .values({ user_id: userId, headline: '', mentoring_open: p.mentoringAreas ? 1 : 0, matching_opt_out: 0, ...values })
        .onConflict((oc) => oc.column('user_id').doUpdateSet(values))
        .execute();
      await trx.deleteFrom('member_tags').where('user_id', '=', userId).execute();
      await trx.deleteFrom('member_themes').where('user_id', '=', userId).execute();
      const tags = [...p.offers.map((tag) => ({ user_id: userId, kind: 'offer' as const, tag })), ...p.needs.map((tag) => ({ user_id: userId, kind: 'need' as const, tag }))];
      if (tags.length) await trx.insertInto('member_tags').values(tags).execute();
      if (p.themes.length) await trx.insertInto('member_themes').values(p.themes.map((theme) => ({ user_id: userId, theme }))).execute();
    });
  }

  const ids: Record<string, string> = {};
  for (const o of ORGS) {
    const found = await db.selectFrom('organisations').select('id').where('slug', '=', o.slug).executeTakeFirst();
    if (found) {
      ids[o.slug] = found.id;
      continue;
    }
    const lead = people[o.lead];
    if (!lead) continue;
    const id = newId();
    ids[o.slug] = id;
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('organisations')
        .values({
          id,
          slug: o.slug,
          name: o.name,
          description: o.description,
          city: o.city,
          legal_form: o.legal,
          registration_number: o.reg ?? null,
          host_org_id: o.host ? (ids[o.host] ?? null) : null,
          host_org_name: o.hostName ?? null,
          year_started: o.year,
          website: o.website ?? null,
          social_links: '[]',
          public_listing: o.public ? 1 : 0,
          created_by: lead,
          created_at: now,
          updated_at: now,
        })
        .execute();
      const members = [{ org_id: id, user_id: lead, role: 'lead' as const, created_at: now }, ...o.members.flatMap((k) => (people[k] ? [{ org_id: id, user_id: people[k]!, role: 'member' as const, created_at: now }] : []))];
      await trx.insertInto('organisation_members').values(members).execute();
      const tags = [...o.offers.map((tag) => ({ org_id: id, kind: 'offer' as const, tag })), ...o.needs.map((tag) => ({ org_id: id, kind: 'need' as const, tag }))];
      await trx.insertInto('org_tags').values(tags).execute();
      await trx.insertInto('org_themes').values(o.themes.map((theme) => ({ org_id: id, theme }))).execute();
      for (const g of o.grants) await trx.insertInto('org_grants').values({ id: newId(), org_id: id, ...g, created_at: now }).execute();
    });
  }
}
