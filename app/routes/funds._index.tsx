import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { listRounds, myLivedExperience, setLivedExperience } from '~/modules/funding/rounds.server';
import { Money } from '~/modules/funding/components/bits';
import { abilitiesFor } from '~/modules/funding/policy.server';
import { useFormat } from '~/utils/format';
import { EmptyState, PageHeader } from '~/ui/page';
import { hostRequestsFor } from '~/modules/funding/consent.server';
import { myApplications } from '~/modules/funding/mine.server';
import { MyApplications } from '~/modules/funding/components/my-applications';

export const meta: MetaFunction = () => [{ title: 'Seed fund · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const rounds = await listRounds(user);
  return json({
    rounds: rounds.map((r) => ({ id: r.id, name: r.name, status: r.status, pot: r.pot, minGrant: r.minGrant, maxGrant: r.maxGrant, closesAt: r.closesAt })),
    livedExperience: await myLivedExperience(user.id),
    abilities: abilitiesFor(user, undefined, ['fundRound.create']),
    hostRequests: await hostRequestsFor(user),
    // The member's own applications and grants, each with its state and next step (funddemo).
    mine: await myApplications(user),
    today: new Date().toISOString().slice(0, 10),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (form.get('intent') !== 'livedExperience') throw new Response('Bad request', { status: 400 });
  await setLivedExperience(user, form.get('value') === 'yes');
  return redirectWithFlash(request, '/funds', { key: 'funding.flash.saved' });
}

export default function Funds() {
  const { t } = useTranslation();
  const { rounds, livedExperience, abilities, hostRequests, mine, today } = useLoaderData<typeof loader>();
  const f = useFormat();
  return (
    <>
      <PageHeader title={t('funding.index.title')} lead={t('funding.index.lead')}>
        {abilities['fundRound.create'] ? (
          <p>
            <Link to="/funds/new" className="button">
              {t('funding.index.new')}
            </Link>
          </p>
        ) : null}
      </PageHeader>
      <MyApplications items={mine} today={today} />
      {hostRequests.length ? (
        <section className="card" aria-labelledby="host-requests">
          <h2 id="host-requests">{t('funding.host.requests')}</h2>
          <ul>
            {hostRequests.map((r) => (
              <li key={r.id}>
                <Link to={`/funds/host/${r.id}`} dir="auto">
                  {r.title || t('funding.app.untitled')}
                </Link>{' '}
                <span className="muted">
                  (<bdi>{r.orgName}</bdi> · <bdi>{r.roundName}</bdi>)
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {rounds.length === 0 ? (
        <EmptyState title={t('funding.index.empty')} />
      ) : (
        <ul className="list-plain fund-rounds">
          {rounds.map((r) => (
            <li key={r.id} className="card">
              <h2 className="h3">
                <Link to={`/funds/${r.id}`} dir="auto">
                  {r.name}
                </Link>
              </h2>
              <p>
                {t(`funding.roundStatus.${r.status}`)} · {t('funding.index.closes', { date: f.date(r.closesAt) })}
              </p>
              <p>
                {t('funding.round.pot')}: <Money value={r.pot} /> · {t('funding.round.grants')}: <Money value={r.minGrant} />–<Money value={r.maxGrant} />
              </p>
            </li>
          ))}
        </ul>
      )}
      <section className="card" aria-labelledby="lived-heading">
        <h2 id="lived-heading" className="h3">
          {t('funding.lived.title')}
        </h2>
        <p>{t('funding.lived.help')}</p>
        <Form method="post" className="form">
          <input type="hidden" name="intent" value="livedExperience" />
          <fieldset className="field fieldset">
            <legend className="field__label">{t('funding.lived.question')}</legend>
            <div className="radios">
              <label className="radio">
                <input type="radio" name="value" value="yes" defaultChecked={livedExperience} />
                <span>{t('funding.yes')}</span>
              </label>
              <label className="radio">
                <input type="radio" name="value" value="no" defaultChecked={!livedExperience} />
                <span>{t('funding.no')}</span>
              </label>
            </div>
          </fieldset>
          <button type="submit" className="button button--secondary">
            {t('funding.lived.save')}
          </button>
        </Form>
      </section>
    </>
  );
}
