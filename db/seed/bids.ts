import * as Y from 'yjs';
import { db } from '../connection';
import { addOrgPartner, addPartner, addTask, changeStatus, createBid, listPartners, listSections, recordOutcome, respondToOrgInvitation, setBudget, setShowName, setShowOnNotice } from '../../app/modules/bids/bids.server';
import { sectionField } from '../../app/modules/bids/constants';
import { storeState } from '../../app/modules/collab/documents.server';
import { createThread } from '../../app/modules/collab/comments.server';

/**
 * Two demo bids in different states: one being drafted (partners, a balanced budget, sections with
 * text and limits — one over it —, tasks, status history, a reviewer's comment) and one awarded.
 * Idempotent: a bid is only made if its title is not there yet.
 */
const DAY = 24 * 60 * 60_000;

function paragraphs(doc: Y.Doc, field: string, lines: string[]): Y.XmlText[] {
  const fragment = doc.getXmlFragment(field);
  const out: Y.XmlText[] = [];
  fragment.insert(
    0,
    lines.map((line) => {
      const p = new Y.XmlElement('paragraph');
      const text = new Y.XmlText(line);
      p.insert(0, [text]);
      out.push(text);
      return p;
    }),
  );
  return out;
}

const b64 = (pos: Y.RelativePosition) => Buffer.from(Y.encodeRelativePosition(pos)).toString('base64');

async function exists(title: string) {
  return db.selectFrom('bids').select('id').where('title', '=', title).executeTakeFirst();
}

export async function seedBids(people: Record<string, string>): Promise<void> {
  const who = (key: string) => db.selectFrom('users').select(['id', 'name', 'role']).where('id', '=', people[key]!).executeTakeFirstOrThrow();

  const draftTitle = 'Safe homes, strong voices';
  if (!(await exists(draftTitle))) {
    const amina = await who('amina');
    const id = await createBid(
      {
        title: draftTitle,
        funder: 'The National Lottery Community Fund',
        callName: 'Awards for All England',
        link: 'https://www.tnlcommunityfund.org.uk/funding/programmes/national-lottery-awards-for-all-england',
        deadline: Date.now() + 12 * DAY,
        amount: 9800_00,
        currency: 'GBP',
        themes: ['housing', 'rights-citizenship'],
        skillsNeeded: ['budgeting', 'translation', 'evaluation'],
        template: 'awards-for-all',
      },
      amina,
      'en',
    );
    await addPartner(id, { userId: people.bilal!, role: 'partner', budgetShare: 0, delivers: 'Employment-rights workshops in Urdu and Punjabi' }, amina);
    await addPartner(id, { userId: people.ioana!, role: 'partner', budgetShare: 0, delivers: 'Peer health champions for Romanian families' }, amina);
    await addPartner(id, { userId: people.mentor1!, role: 'reviewer', budgetShare: 0 }, amina);
    const partners = await listPartners(id);
    const share = (key: string) => partners.find((p) => p.user_id === people[key])!.id;
    await setBudget(amina, id, { [share('amina')]: 4800_00, [share('bilal')]: 2500_00, [share('ioana')]: 2500_00 });
    await changeStatus(amina, id, 'drafting');
    const sections = await listSections(id);
    const bid = await db.selectFrom('bids').select('document_id').where('id', '=', id).executeTakeFirstOrThrow();
    const doc = new Y.Doc();
    const summary = paragraphs(doc, sectionField(sections[0]!.id), [
      'Three migrant-led groups in Birmingham and Coventry will run advice sessions on tenancy and employment rights in Somali, Urdu, Punjabi and Romanian, so that families know their rights before a crisis.',
    ]);
    paragraphs(doc, sectionField(sections[1]!.id), [
      'Families we work with are often told to leave their homes without notice, or lose wages they are owed, because they do not know where to turn.',
      'Advice services in the city are mostly in English and by appointment; our members meet families where they already are.',
    ]);
    paragraphs(doc, sectionField(sections[5]!.id), ['Sessional advisers £4,200; interpreters £2,100; venue hire £1,500; childcare £1,000; materials and travel £1,000.']);
    await storeState(bid.document_id!, Y.encodeStateAsUpdate(doc), [amina.id, people.bilal!]);
    await addTask(amina, id, { title: "Get the host organisation's bank details", assigneeId: amina.id, dueOn: Date.now() + 5 * DAY });
    await addTask(amina, id, { title: 'Letter of support from the tenants’ association', assigneeId: people.bilal!, dueOn: Date.now() + 8 * DAY });
    const tariq = await who('mentor1');
    try {
      await createThread({
        documentId: bid.document_id!,
        userId: tariq.id,
        userName: tariq.name,
        field: sectionField(sections[0]!.id),
        from: b64(Y.createRelativePositionFromTypeIndex(summary[0]!, 0)),
        to: b64(Y.createRelativePositionFromTypeIndex(summary[0]!, 40)),
        quote: 'Three migrant-led groups in Birmingham',
        body: 'Funders like a number here: how many families will you reach?',
      });
    } catch (error) {
      console.warn('bids seed: comment not added', error);
    }
  }

  const awardedTitle = 'Football for wellbeing';
  if (!(await exists(awardedTitle))) {
    const yonas = await who('yonas');
    const id = await createBid(
      {
        title: awardedTitle,
        funder: 'Heart of England Community Foundation',
        callName: 'Small grants',
        deadline: Date.now() + 2 * DAY,
        amount: 4000_00,
        currency: 'GBP',
        themes: ['mental-health', 'youth'],
        skillsNeeded: [],
        template: 'community-foundation',
      },
      yonas,
      'en',
    );
    await addPartner(id, { userId: people.layla!, role: 'partner', budgetShare: 1500_00, delivers: 'Storytelling sessions after matches' }, yonas);
    const partners = await listPartners(id);
    await setBudget(yonas, id, { [partners.find((p) => p.user_id === yonas.id)!.id]: 2500_00, [partners.find((p) => p.user_id === people.layla)!.id]: 1500_00 });
    for (const status of ['drafting', 'in_review', 'submitted'] as const) await changeStatus(yonas, id, status);
    await recordOutcome(yonas, id, { result: 'awarded', awardedAmount: 3600_00, decidedOn: Date.now(), feedback: 'A clear plan with strong local partners. We reduced the equipment line.' });
  }

  await seedOrgPartners(people, draftTitle);
}

/**
 * Organisation partners on the drafting bid: Coventry Migrant Hub CIC accepted (its lead answered;
 * its members can open the bid) and holds a budget share; Walsall Women's Health Circle is still
 * invited (its lead sees the invitation on /bids). The bid is linked to the noticeboard's Awards for
 * All call and shows there who is bidding. Runs once per bid (skipped when it has organisation partners).
 */
async function seedOrgPartners(people: Record<string, string>, title: string): Promise<void> {
  const bid = await exists(title);
  if (!bid || !people.amina) return;
  const already = await db.selectFrom('bid_partners').select('id').where('bid_id', '=', bid.id).where('kind', '=', 'org').executeTakeFirst();
  if (already) return;
  const org = (slug: string) => db.selectFrom('organisations').select(['id']).where('slug', '=', slug).executeTakeFirst();
  const hub = await org('coventry-migrant-hub-cic');
  const walsall = await org('walsall-womens-health');
  if (!hub || !walsall) return;
  const amina = await db.selectFrom('users').select(['id', 'name', 'role']).where('id', '=', people.amina).executeTakeFirstOrThrow();
  const hubEntry = await addOrgPartner(bid.id, { orgId: hub.id, role: 'partner', budgetShare: 0, delivers: 'Evaluation framework and training for peer advisers' }, amina);
  const hubLead = await db.selectFrom('organisation_members').select('user_id').where('org_id', '=', hub.id).where('role', '=', 'lead').executeTakeFirst();
  if (hubLead) await respondToOrgInvitation({ id: hubLead.user_id, role: 'member' }, hubEntry, true);
  await addOrgPartner(bid.id, { orgId: walsall.id, role: 'reviewer', budgetShare: 0, delivers: 'Reads the health sections before submission' }, amina);
  const partners = await listPartners(bid.id);
  const share = (userKey: string) => partners.find((p) => p.user_id === people[userKey])?.id;
  const shares: Record<string, number> = { [hubEntry]: 2000_00 };
  for (const [key, amount] of [['amina', 3800_00], ['bilal', 2000_00], ['ioana', 2000_00]] as const) {
    const id = share(key);
    if (id) shares[id] = amount;
  }
  try {
    await setBudget(amina, bid.id, shares);
  } catch (error) {
    console.warn('bids seed: organisation budget split not saved', error);
  }
  const notice = await db.selectFrom('notices').select('id').where('type', '=', 'funding').where('title', '=', 'Community Fund: Awards for All').executeTakeFirst();
  if (notice) {
    await db.updateTable('bids').set({ notice_id: notice.id }).where('id', '=', bid.id).execute();
    await setShowOnNotice(amina, bid.id, true);
    // Names are opt-in: Amina and the hub's lead chose to show theirs; the other partners did not.
    const aminaEntry = share('amina');
    if (aminaEntry) await setShowName(amina, bid.id, aminaEntry, true);
    if (hubLead) await setShowName({ id: hubLead.user_id, role: 'member' }, bid.id, hubEntry, true);
  }
}
