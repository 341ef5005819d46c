import { db } from '../connection';
import { respondAsCoApplicant, saveApplication, startApplication } from '../../app/modules/funding/applications.server';
import { bookSlot, offerSlot } from '../../app/modules/funding/slots.server';
import { scorePitch, setUpPitchDay, startPitch } from '../../app/modules/funding/pitch.server';

const HOUR = 60 * 60_000;

/**
 * Seed fund demo for host organisations, conversations before applying and pitch day (fundslots):
 * Layla's unincorporated Kurdish women's group applies with Amina's organisation as its host (not
 * answered yet) and Chidi as co-applicant (confirmed). Tariq (panel) and Grace (steward) offer
 * conversations; Yonas has booked one. The round in review holds its pitch day: Piotr is pitching and
 * Shirin has scored him. Idempotent: each part does nothing once it exists.
 */
export async function seedFundslots(people: Record<string, string>): Promise<void> {
  const round = await db.selectFrom('fund_rounds').select('id').where('name', '=', 'Seed fund: spring 2027').executeTakeFirst();
  if (!round) return;
  const member = (key: string) => ({ id: people[key]!, role: 'member' as const });
  if (!(await db.selectFrom('fund_applications').select('id').where('round_id', '=', round.id).where('lead_id', '=', people.layla!).executeTakeFirst())) {
    const host = await db
      .selectFrom('organisation_members')
      .select('org_id')
      .where('user_id', '=', people.amina!)
      .where('role', '=', 'lead')
      .executeTakeFirst();
    const s = await startApplication(member('layla'), round.id, { e1: true, e2: false });
    if (host && 'id' in s) {
      const story = 'Kurdish women in Coventry make a book of their stories, with drawings, and read it at the library.';
      await saveApplication(
        member('layla'),
        s.id,
        {
          title: 'Stories we carried',
          summary: 'Kurdish women write and draw their stories into a book and read them at Coventry library.',
          amount: 2_000,
          budgetLines: [{ label: 'Art materials', amount: 500 }, { label: 'Printing', amount: 900 }, { label: 'Childcare', amount: 600 }],
          themes: ['arts-media'],
          kind: 'group',
          orgId: null,
          hostOrgId: host.org_id,
          coApplicantIds: [people.chidi!],
          answers: { q1: story, q2: 'Women who rarely leave home meet every week.', q3: 'Chidi records the readings as a podcast.' },
          media: {},
          removeMedia: [],
        },
        { submit: true },
      );
      await respondAsCoApplicant(member('chidi'), s.id, true);
    }
  }
  if (!(await db.selectFrom('fund_slots').select('id').where('round_id', '=', round.id).executeTakeFirst())) {
    // Whole hours from tomorrow on, so the demo always has times to book.
    const base = Math.ceil(Date.now() / HOUR) * HOUR + 24 * HOUR;
    const offers: [string, number, 'phone' | 'whatsapp' | 'video' | 'in-person', string][] = [
      ['mentor1', 0, 'phone', 'I will call you on the number you give me.'],
      ['mentor1', 2, 'whatsapp', 'WhatsApp call; I speak Arabic and English.'],
      ['mentor1', 26, 'video', 'A video link will be sent the day before.'],
      ['steward', 49, 'in-person', 'Coventry Central Library, first-floor meeting room.'],
    ];
    const ids: string[] = [];
    for (const [key, h, mode, details] of offers) {
      const r = await offerSlot({ id: people[key]!, role: key === 'steward' ? 'steward' : 'member' }, round.id, { startsAt: base + h * HOUR, minutes: 20, mode, details });
      if ('id' in r) ids.push(r.id);
    }
    if (ids[0]) await bookSlot(member('yonas'), ids[0], 'I want to ask whether football for young men counts as health. Phone 07700 900123.');
  }
  const review = await db.selectFrom('fund_rounds').select('id').where('name', '=', 'Seed fund: autumn 2026').executeTakeFirst();
  if (review && !(await db.selectFrom('fund_pitches').select('application_id').where('round_id', '=', review.id).executeTakeFirst())) {
    const steward = { id: people.steward!, role: 'steward' as const };
    if ((await setUpPitchDay(steward, review.id)) > 0) {
      const piotr = await db.selectFrom('fund_applications').select('id').where('round_id', '=', review.id).where('lead_id', '=', people.piotr!).executeTakeFirst();
      if (piotr) {
        await startPitch(steward, review.id, piotr.id);
        await scorePitch(member('mentor3'), piotr.id, { c1: { score: 4, comment: 'The children he brought to the pitch said it all.' }, c2: { score: 3, comment: 'Ask for help with the budget.' } });
      }
    }
  }
}
