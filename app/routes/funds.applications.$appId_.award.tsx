import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { abilitiesFor } from '~/modules/funding/policy.server';
import { acceptAward, awardLetter } from '~/modules/funding/award-letter.server';
import { AcceptAwardSchema } from '~/modules/funding/funding.schema.server';
import { Money } from '~/modules/funding/components/bits';
import { useFormat } from '~/utils/format';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'Award letter · NOMI Workspace' }];

/** The award letter of a funded application: its applicants and the stewards; 404 for anyone else. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { letter, subject } = await awardLetter(user, params.appId!);
  const abilities = abilitiesFor(user, subject, ['fundAward.accept']);
  return json({
    letter: {
      applicationId: letter.applicationId,
      reference: letter.reference,
      roundName: letter.roundName,
      projectTitle: letter.projectTitle,
      amount: letter.amount,
      asked: letter.asked,
      partial: letter.partial,
      conditions: letter.conditions
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean),
      acceptedAt: letter.acceptedAt,
      acceptedByName: letter.acceptedByName,
      english: letter.locale === 'en',
    },
    abilities,
    isLead: subject.isLead,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const form = await request.formData();
  if (!AcceptAwardSchema.safeParse({ intent: form.get('intent') }).success) throw new Response('Bad request', { status: 400 });
  const r = await acceptAward(user, params.appId!);
  return redirectWithFlash(request, `/funds/applications/${params.appId}/award`, { key: r === 'ok' ? 'funding.award.flash.accepted' : 'funding.award.flash.alreadyAccepted' });
}

export default function AwardLetterPage() {
  const { t } = useTranslation();
  const f = useFormat();
  const { letter, abilities, isLead } = useLoaderData<typeof loader>();
  return (
    <>
      <PageHeader title={t('funding.award.pageTitle')} lead={t('funding.award.lead')} />
      <dl className="facts">
        <dt>{t('funding.award.reference')}</dt>
        <dd dir="ltr">{letter.reference}</dd>
        <dt>{t('funding.award.roundLabel')}</dt>
        <dd dir="auto">{letter.roundName}</dd>
        <dt>{t('funding.award.projectLabel')}</dt>
        <dd dir="auto">
          <Link to={`/funds/applications/${letter.applicationId}`}>{letter.projectTitle || t('funding.app.untitled')}</Link>
        </dd>
        <dt>{t('funding.award.amount')}</dt>
        <dd>
          <Money value={letter.amount} />
          {letter.partial && letter.asked !== null ? (
            <>
              {' '}
              ({t('funding.outcome.asked')} <Money value={letter.asked} />)
            </>
          ) : null}
        </dd>
      </dl>
      <p>
        <a href={`/funds/applications/${letter.applicationId}/award.pdf`} className="button button--secondary" download>
          {t('funding.award.download')}
        </a>
      </p>
      <p className="muted">{t(letter.english ? 'funding.award.downloadHintEnglish' : 'funding.award.downloadHint')}</p>

      <h2>{t('funding.award.conditionsTitle')}</h2>
      {letter.conditions.length ? (
        <>
          <p>{t('funding.award.conditionsLead')}</p>
          {letter.conditions.map((c, i) => (
            <p key={i} dir="auto" className="prose">
              {c}
            </p>
          ))}
        </>
      ) : (
        <p>{t('funding.award.conditionsNone')}</p>
      )}

      <section aria-labelledby="accept-heading" className="card">
        <h2 id="accept-heading">{t('funding.award.acceptTitle')}</h2>
        {letter.acceptedAt !== null ? (
          <p>
            <strong>{t('funding.award.accepted', { date: f.dateTime(letter.acceptedAt), name: letter.acceptedByName ?? '' })}</strong>
          </p>
        ) : abilities['fundAward.accept'] ? (
          <Form method="post">
            <p>{t('funding.award.acceptLead')}</p>
            <button type="submit" name="intent" value="accept" className="button">
              {t('funding.award.accept')}
            </button>
          </Form>
        ) : (
          <p>
            {t('funding.award.notYet')} {isLead ? null : t('funding.award.onlyLead')}
          </p>
        )}
      </section>
    </>
  );
}
