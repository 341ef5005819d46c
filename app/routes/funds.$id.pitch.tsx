import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { movePitch, pitchDay, setUpPitchDay, startPitch } from '~/modules/funding/pitch.server';
import { PageHeader } from '~/ui/page';
import type { RouteHandle } from '~/utils/route-handle';
import { useLiveData } from '~/modules/funding/components/live-data';

// Ships the client (~/utils/route-handle): the steward's screen follows the scores as they come in.
// Without JavaScript it still works; its Refresh button shows what changed.
export const handle: RouteHandle = { hydrate: true };

export const meta: MetaFunction = () => [{ title: 'Pitch day · NOMI Workspace' }];

/**
 * Pitch day (issue 14.5): the steward's one screen (running order, who is pitching, the spread of the
 * panel's scores) and, for panel members, the list of pitches to score from their phones.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json(await pitchDay(user, params.id!));
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  const intent = form.get('intent');
  const appId = form.get('applicationId');
  const back = `/funds/${params.id}/pitch`;
  if (intent === 'setUp') {
    await setUpPitchDay(user, params.id!);
    return redirectWithFlash(request, back, { key: 'funding.pitch.flash.setUp' });
  }
  if ((intent === 'up' || intent === 'down' || intent === 'start') && typeof appId === 'string' && appId.length > 0 && appId.length <= 40) {
    if (intent === 'start') await startPitch(user, params.id!, appId);
    else await movePitch(user, params.id!, appId, intent);
    return redirectWithFlash(request, back, { key: intent === 'start' ? 'funding.pitch.flash.started' : 'funding.pitch.flash.moved' });
  }
  await pitchDay(user, params.id!); // a stranger gets the round's refusal, not a 400 that confirms it
  throw new Response('Bad request', { status: 400 });
}

const one = (n: number | null) => (n === null ? '–' : n.toFixed(1));

export default function PitchDay() {
  const { t } = useTranslation();
  const { round, abilities, running, current } = useLiveData(useLoaderData<typeof loader>(), 'routes/funds.$id.pitch', 10_000);
  const canRun = abilities['fundPitch.run'];
  return (
    <>
      <PageHeader title={t('funding.pitch.title')} lead={round.name} />
      <p className="card fund-status" role="status">
        {current ? (
          <>
            {t('funding.pitch.now')} <strong dir="auto">{current.title || t('funding.app.untitled')}</strong>
          </>
        ) : (
          t('funding.pitch.nobody')
        )}
      </p>
      <p>
        <Link className="button button--secondary" to={`/funds/${round.id}/pitch`}>
          {t('funding.pitch.refresh')}
        </Link>
      </p>

      {abilities['fundPitch.panel'] && current ? (
        <p>
          <Link className="button" to={`/funds/${round.id}/pitch/${current.id}`}>
            {t('funding.pitch.scoreNow')}
          </Link>
        </p>
      ) : null}

      {running.length === 0 ? (
        <>
          <p>{t('funding.pitch.empty')}</p>
          {canRun ? (
            <Form method="post">
              <p className="muted">{t('funding.pitch.setUpHelp')}</p>
              <button type="submit" name="intent" value="setUp" className="button">
                {t('funding.pitch.setUp')}
              </button>
            </Form>
          ) : null}
        </>
      ) : (
        <>
          <h2>{t('funding.pitch.order')}</h2>
          <ol className="fund-rounds fund-pitch">
            {running.map((p, i) => (
              <li key={p.id} className={`card fund-pitch__item fund-pitch__item--${p.state}`}>
                <h3 className="h4">
                  <span dir="auto">{p.title || t('funding.app.untitled')}</span>
                </h3>
                <p>
                  <strong>{t(`funding.pitch.state.${p.state}`)}</strong>
                  {abilities['fundPitch.panel'] ? <> · {t(p.scoredByMe ? 'funding.pitch.youScored' : 'funding.pitch.youHaveNot')}</> : null}
                </p>
                {p.spread ? (
                  <dl className="facts">
                    <dt>{t('funding.pitch.scored')}</dt>
                    <dd>{p.spread.count}</dd>
                    <dt>{t('funding.review.mean')}</dt>
                    <dd>{one(p.spread.mean)}</dd>
                    <dt>{t('funding.review.spread')}</dt>
                    <dd>
                      {p.spread.count ? `${one(p.spread.min)}–${one(p.spread.max)}` : '–'}
                      {p.spread.flagged ? <strong className="fund-flag"> {t('funding.review.flagged')}</strong> : null}
                    </dd>
                  </dl>
                ) : null}
                <div className="button-row">
                  {abilities['fundPitch.panel'] && p.state !== 'waiting' ? (
                    <Link className="button button--secondary" to={`/funds/${round.id}/pitch/${p.id}`}>
                      {t('funding.pitch.score')}
                    </Link>
                  ) : null}
                  {canRun ? (
                    <Form method="post" className="button-row">
                      <input type="hidden" name="applicationId" value={p.id} />
                      {p.state !== 'now' ? (
                        <button type="submit" name="intent" value="start" className="button">
                          {t('funding.pitch.start')}
                        </button>
                      ) : null}
                      {i > 0 ? (
                        <button type="submit" name="intent" value="up" className="button button--secondary">
                          {t('funding.pitch.up')}
                        </button>
                      ) : null}
                      {i < running.length - 1 ? (
                        <button type="submit" name="intent" value="down" className="button button--secondary">
                          {t('funding.pitch.down')}
                        </button>
                      ) : null}
                    </Form>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
          {canRun ? (
            <Form method="post">
              <button type="submit" name="intent" value="setUp" className="button button--secondary">
                {t('funding.pitch.addLate')}
              </button>
            </Form>
          ) : null}
        </>
      )}
      <p>
        <Link className="fund-back" to={`/funds/${round.id}`}>{t('funding.pitch.back')}</Link>
      </p>
    </>
  );
}
