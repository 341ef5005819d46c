import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { BookSlotSchema, OfferSlotSchema, SlotButtonSchema } from '~/modules/funding/slots.schema.server';
import { bookSlot, cancelBooking, conversations, offerSlot, removeSlot } from '~/modules/funding/slots.server';
import { londonTime } from '~/modules/notices/constants';
import { SLOT_DETAILS_MAX, SLOT_MINUTES, SLOT_MODES, SLOT_NOTE_MAX } from '~/modules/funding/slots';
import { PageHeader } from '~/ui/page';
import { dateTimeFormat } from '~/utils/intl';

export const meta: MetaFunction = () => [{ title: 'Conversations before applying · NOMI Workspace' }];

/** Conversations before applying (issue 14.2): the panel offers slots, applicants book one. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json(await conversations(user, params.id!));
}

type Reply = {
  form: 'offer' | 'book';
  errors: Record<string, string[]>;
  values: Record<string, string>;
};

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get('intent');
  const back = `/funds/${params.id}/conversations`;
  const values = Object.fromEntries([...form.entries()].filter(([, v]) => typeof v === 'string').map(([k, v]) => [k, String(v).slice(0, 400)]));
  if (intent === 'offer') {
    const s = parseWithZod(form, { schema: OfferSlotSchema });
    if (s.status !== 'success') {
      await conversations(user, params.id!); // a stranger gets the round's 404, not the form's errors
      return json<Reply>(
        {
          form: 'offer',
          errors: (s.reply().error ?? {}) as Record<string, string[]>,
          values,
        },
        { status: 400 }
      );
    }
    const startsAt = londonTime(s.value.startsAt);
    if (startsAt === null)
      return json<Reply>(
        {
          form: 'offer',
          errors: { startsAt: ['funding.slots.errors.time'] },
          values,
        },
        { status: 400 }
      );
    const r = await offerSlot(user, params.id!, {
      startsAt,
      minutes: s.value.minutes,
      mode: s.value.mode,
      details: s.value.details ?? '',
    });
    if ('problem' in r)
      return json<Reply>(
        {
          form: 'offer',
          errors: { startsAt: [`funding.slots.errors.${r.problem}`] },
          values,
        },
        { status: 400 }
      );
    return redirectWithFlash(request, back, {
      key: 'funding.slots.flash.offered',
    });
  }
  if (intent === 'book') {
    const s = parseWithZod(form, { schema: BookSlotSchema });
    if (s.status !== 'success') {
      await conversations(user, params.id!);
      return json<Reply>(
        {
          form: 'book',
          errors: (s.reply().error ?? {}) as Record<string, string[]>,
          values,
        },
        { status: 400 }
      );
    }
    const r = await bookSlot(user, s.value.slotId, s.value.note ?? '');
    if (r !== 'ok')
      return json<Reply>(
        {
          form: 'book',
          errors: { slotId: [`funding.slots.errors.${r}`] },
          values,
        },
        { status: 409 }
      );
    return redirectWithFlash(request, back, {
      key: 'funding.slots.flash.booked',
    });
  }
  const s = parseWithZod(form, { schema: SlotButtonSchema });
  if (s.status !== 'success') {
    await conversations(user, params.id!);
    throw new Response('Bad request', { status: 400 });
  }
  if (s.value.intent === 'cancel') await cancelBooking(user, s.value.slotId);
  else await removeSlot(user, s.value.slotId);
  return redirectWithFlash(request, back, {
    key: s.value.intent === 'cancel' ? 'funding.slots.flash.cancelled' : 'funding.slots.flash.removed',
  });
}

function useWhen() {
  const { i18n } = useTranslation();
  // The network meets in the West Midlands: times are London's, whatever the server's clock says.
  const f = dateTimeFormat(i18n.language || 'en', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Europe/London',
  });
  return (ms: number) => f.format(ms);
}

export default function Conversations() {
  const { t } = useTranslation();
  const when = useWhen();
  const { round, abilities, hosting, booking, free } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>() as Reply | undefined;
  const err = (form: Reply['form'], field: string) => (reply?.form === form ? (reply.errors[field] ?? []).map((e) => t(e)).join(' ') : '');
  const val = (form: Reply['form'], field: string, fallback = '') => (reply?.form === form ? reply.values[field] ?? fallback : fallback);
  const offerErrors = reply?.form === 'offer' ? Object.values(reply.errors).flat() : [];
  const bookErrors = reply?.form === 'book' ? Object.values(reply.errors).flat() : [];

  return (
    <>
      <PageHeader title={t('funding.slots.title')} lead={round.name} />
      <p>{t('funding.slots.lead')}</p>

      {booking ? (
        <section className="card" aria-labelledby="my-booking">
          <h2 id="my-booking">{t('funding.slots.yours')}</h2>
          <p>
            <strong>{when(booking.startsAt)}</strong> · {t('funding.slots.minutes', { count: booking.minutes })} · {t(`funding.slots.mode.${booking.mode}`)}
          </p>
          <p>
            {t('funding.slots.with')} <bdi>{booking.hostName}</bdi>
          </p>
          {booking.details ? <p dir="auto">{booking.details}</p> : null}
          <div className="button-row">
            {booking.abilities['fundSlot.calendar'] ? (
              <a className="button button--secondary" href={`/funds/${round.id}/conversations/${booking.id}.ics`} download>
                {t('funding.slots.ics')}
              </a>
            ) : null}
            {booking.abilities['fundSlot.cancelBooking'] ? (
              <Form method="post">
                <input type="hidden" name="slotId" value={booking.id} />
                <button type="submit" name="intent" value="cancel" className="button button--danger">
                  {t('funding.slots.cancel')}
                </button>
              </Form>
            ) : null}
          </div>
        </section>
      ) : abilities['fundSlots.book'] ? (
        <section aria-labelledby="book-heading">
          <h2 id="book-heading">{t('funding.slots.bookTitle')}</h2>
          {bookErrors.length ? (
            <div className="error-summary" role="alert">
              <ul>
                {bookErrors.map((e, i) => (
                  <li key={i}>{t(e)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {free.length === 0 ? (
            <p>{t('funding.slots.noneFree')}</p>
          ) : (
            <Form method="post" className="form">
              <fieldset className="field fieldset">
                <legend className="field__label">{t('funding.slots.choose')}</legend>
                {err('book', 'slotId') ? <p className="field__error">{err('book', 'slotId')}</p> : null}
                <div className="radios">
                  {free.map((s) => (
                    <label key={s.id} className="radio">
                      <input type="radio" name="slotId" value={s.id} defaultChecked={val('book', 'slotId') === s.id} />
                      <span>
                        {when(s.startsAt)} · {t('funding.slots.minutes', { count: s.minutes })} · {t(`funding.slots.mode.${s.mode}`)}
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
              <div className="field">
                <label className="field__label" htmlFor="note">
                  {t('funding.slots.note')}
                </label>
                <p className="field__hint" id="note-hint">
                  {t('funding.slots.noteHint')}
                </p>
                <textarea id="note" name="note" className="input" rows={3} maxLength={SLOT_NOTE_MAX} dir="auto" aria-describedby="note-hint" defaultValue={val('book', 'note')} />
                {err('book', 'note') ? <p className="field__error">{err('book', 'note')}</p> : null}
              </div>
              <button type="submit" name="intent" value="book" className="button">
                {t('funding.slots.book')}
              </button>
            </Form>
          )}
        </section>
      ) : null}

      {abilities['fundSlots.offer'] ? (
        <section aria-labelledby="offer-heading">
          <h2 id="offer-heading">{t('funding.slots.offerTitle')}</h2>
          {offerErrors.length ? (
            <div className="error-summary" role="alert">
              <ul>
                {offerErrors.map((e, i) => (
                  <li key={i}>{t(e)}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <Form method="post" className="form">
            <div className="field">
              <label className="field__label" htmlFor="startsAt">
                {t('funding.slots.startsAt')}
              </label>
              <p className="field__hint" id="startsAt-hint">
                {t('funding.slots.startsAtHint')}
              </p>
              <input id="startsAt" name="startsAt" type="datetime-local" className="input" aria-describedby="startsAt-hint" defaultValue={val('offer', 'startsAt')} />
              {err('offer', 'startsAt') ? <p className="field__error">{err('offer', 'startsAt')}</p> : null}
            </div>
            <div className="field">
              <label className="field__label" htmlFor="minutes">
                {t('funding.slots.length')}
              </label>
              <select id="minutes" name="minutes" className="input input--short" defaultValue={val('offer', 'minutes', '20')}>
                {SLOT_MINUTES.map((m) => (
                  <option key={m} value={m}>
                    {t('funding.slots.minutes', { count: m })}
                  </option>
                ))}
              </select>
            </div>
            <fieldset className="field fieldset">
              <legend className="field__label">{t('funding.slots.how')}</legend>
              {err('offer', 'mode') ? <p className="field__error">{err('offer', 'mode')}</p> : null}
              <div className="radios">
                {SLOT_MODES.map((m) => (
                  <label key={m} className="radio">
                    <input type="radio" name="mode" value={m} defaultChecked={val('offer', 'mode', 'phone') === m} />
                    <span>{t(`funding.slots.mode.${m}`)}</span>
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="field">
              <label className="field__label" htmlFor="details">
                {t('funding.slots.details')}
              </label>
              <p className="field__hint" id="details-hint">
                {t('funding.slots.detailsHint')}
              </p>
              <textarea id="details" name="details" className="input" rows={2} maxLength={SLOT_DETAILS_MAX} dir="auto" aria-describedby="details-hint" defaultValue={val('offer', 'details')} />
              {err('offer', 'details') ? <p className="field__error">{err('offer', 'details')}</p> : null}
            </div>
            <button type="submit" name="intent" value="offer" className="button">
              {t('funding.slots.offer')}
            </button>
          </Form>
        </section>
      ) : null}

      {hosting.length ? (
        <section aria-labelledby="hosting-heading">
          <h2 id="hosting-heading">{t('funding.slots.hosting')}</h2>
          <ul className="fund-rounds">
            {hosting.map((s) => (
              <li key={s.id} className="card">
                <p>
                  <strong>{when(s.startsAt)}</strong> · {t('funding.slots.minutes', { count: s.minutes })} · {t(`funding.slots.mode.${s.mode}`)}
                </p>
                <p className="muted">
                  {t('funding.slots.offeredBy')} <bdi>{s.hostName}</bdi>
                </p>
                {s.bookerName ? (
                  <>
                    <p>
                      {t('funding.slots.bookedBy')} <bdi>{s.bookerName}</bdi>
                    </p>
                    {s.note ? <p dir="auto">{s.note}</p> : null}
                  </>
                ) : (
                  <p className="muted">{t('funding.slots.free')}</p>
                )}
                <div className="button-row">
                  {s.abilities['fundSlot.calendar'] ? (
                    <a className="button button--secondary" href={`/funds/${round.id}/conversations/${s.id}.ics`} download>
                      {t('funding.slots.ics')}
                    </a>
                  ) : null}
                  {s.abilities['fundSlot.cancelBooking'] ? (
                    <Form method="post">
                      <input type="hidden" name="slotId" value={s.id} />
                      <button type="submit" name="intent" value="cancel" className="button button--secondary">
                        {t('funding.slots.cancel')}
                      </button>
                    </Form>
                  ) : null}
                  {s.abilities['fundSlot.remove'] ? (
                    <Form method="post">
                      <input type="hidden" name="slotId" value={s.id} />
                      <button type="submit" name="intent" value="remove" className="button button--danger">
                        {t('funding.slots.remove')}
                      </button>
                    </Form>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <p>
        <Link className="fund-back" to={`/funds/${round.id}`}>{t('funding.slots.back')}</Link>
      </p>
    </>
  );
}
