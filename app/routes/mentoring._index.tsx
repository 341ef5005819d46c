import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { can } from '~/modules/mentoring/access.server';
import { myMentorships } from '~/modules/mentoring/mentorships.server';
import { myOpenActions, setActionDone } from '~/modules/mentoring/actions.server';
import { idParam } from '~/modules/mentoring/route-helpers.server';
import { MentoringRuleError } from '~/modules/mentoring/mentorships.server';
import { StatusTag, useDay } from '~/modules/mentoring/components/bits';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { EmptyState, PageHeader } from '~/ui/page';
import { memberName } from '~/modules/directory/former-member';

export const meta: MetaFunction = () => [{ title: 'Mentoring · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [mentorships, actions] = await Promise.all([myMentorships(user.id), myOpenActions(user.id)]);
  const abilities = { 'mentorship.pair': can(user, 'mentorship.pair'), 'mentoringReport.read': can(user, 'mentoringReport.read') };
  return json({ mentorships, actions, abilities, isMentor: user.isMentor });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent !== 'done' && intent !== 'reopen') throw new Response('Bad request', { status: 400 });
  try {
    await setActionDone(idParam(formData.get('actionId')), user, intent === 'done');
  } catch (error) {
    if (error instanceof MentoringRuleError) return redirectWithFlash(request, '/mentoring', { key: error.key, tone: 'warning' });
    throw error;
  }
  return redirectWithFlash(request, '/mentoring', { key: intent === 'done' ? 'mentoring.actions.ticked' : 'mentoring.actions.reopened' });
}

type Data = ReturnType<typeof useLoaderData<typeof loader>>;

export function ActionList({ actions, showPair }: { actions: Data['actions']; showPair?: boolean }) {
  const { t } = useTranslation();
  const day = useDay();
  return (
    <ul className="list-plain list-rows mentoring-actions">
      {actions.map((a) => (
        <li key={a.id} className={`mentoring-action mentoring-action--${a.due}`}>
          <div>
            <p className="mentoring-action__title" dir="auto">
              {a.title}
            </p>
            <p className="meta">
              {a.due && a.dueOn !== null ? (
                <>
                  <span className={a.due === 'overdue' ? 'tag tag--warn' : 'tag tag--muted'}>{t(`mentoring.actions.due.${a.due}`)}</span>{' '}
                  {t('mentoring.actions.dueOn', { date: day(a.dueOn) })} ·{' '}
                </>
              ) : null}
              {t(`mentoring.actions.ownerShort.${a.owner}`)}
              {showPair ? (
                <>
                  {' · '}
                  <Link to={`/mentoring/${a.mentorshipId}`}>
                    <span dir="auto">{memberName(t, a.otherName)}</span>
                  </Link>
                </>
              ) : null}
            </p>
          </div>
          <Form method="post" action="/mentoring">
            <input type="hidden" name="actionId" value={a.id} />
            <button type="submit" name="intent" value="done" className="button button--secondary">
              {t('mentoring.actions.markDone')}
              <span className="visually-hidden">: {a.title}</span>
            </button>
          </Form>
        </li>
      ))}
    </ul>
  );
}

export default function MentoringHome() {
  const { t } = useTranslation();
  const { mentorships, actions, abilities } = useLoaderData<typeof loader>();
  const day = useDay();
  const waiting = mentorships.filter((m) => m.status === 'requested' && m.side === 'mentor');
  const groups = [
    { key: 'mentee', items: mentorships.filter((m) => m.side === 'mentee') },
    { key: 'mentor', items: mentorships.filter((m) => m.side === 'mentor' && !(m.status === 'requested')) },
  ];
  const mineFirst = [...actions].sort((a, b) => Number(b.mine) - Number(a.mine) || (a.dueOn ?? Infinity) - (b.dueOn ?? Infinity));
  return (
    <>
      <PageHeader title={t('mentoring.home.title')} lead={t('mentoring.home.lead')}>
        <p className="button-row">
          <Link to="/mentoring/new" className="button">
            {t('mentoring.home.ask')}
          </Link>
          <Link to="/mentoring/record" className="button button--secondary">
            {t('mentoring.home.record')}
          </Link>
          {abilities['mentorship.pair'] ? (
            <Link to="/mentoring/pair" className="button button--secondary">
              {t('mentoring.home.pair')}
            </Link>
          ) : null}
          {abilities['mentoringReport.read'] ? (
            <Link to="/mentoring/report" className="button button--secondary">
              {t('mentoring.home.report')}
            </Link>
          ) : null}
        </p>
      </PageHeader>

      {waiting.length ? (
        <section aria-labelledby="mentoring-waiting" className="card">
          <h2 id="mentoring-waiting">{t('mentoring.home.waiting')}</h2>
          <ul className="list-plain list-rows">
            {waiting.map((m) => (
              <li key={m.id}>
                <Link to={`/mentoring/${m.id}`}>{t('mentoring.home.requestFrom', { name: m.otherName })}</Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="mentoring-actions">
        <h2 id="mentoring-actions">{t('mentoring.home.actions')}</h2>
        {mineFirst.length === 0 ? <p>{t('mentoring.home.noActions')}</p> : <ActionList actions={mineFirst} showPair />}
      </section>

      {groups.map((g) => (
        <section key={g.key} aria-labelledby={`mentoring-${g.key}`}>
          <h2 id={`mentoring-${g.key}`}>{t(`mentoring.home.as.${g.key}`)}</h2>
          {g.items.length === 0 ? (
            <EmptyState title={t(`mentoring.home.none.${g.key}`)}>
              {g.key === 'mentee' ? <Link to="/mentoring/new">{t('mentoring.home.ask')}</Link> : null}
            </EmptyState>
          ) : (
            <ul className="list-plain list-rows">
              {g.items.map((m) => (
                <li key={m.id} className="mentoring-row">
                  <Link to={`/mentoring/${m.id}`} className="mentoring-row__name">
                    <span dir="auto">{memberName(t, m.otherName)}</span>
                  </Link>{' '}
                  <StatusTag status={m.status} />
                  <p className="meta">
                    {t('mentoring.home.since', { date: day(m.startOn) })} · {t('mentoring.home.sessionCount', { count: m.sessions })}
                  </p>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
    </>
  );
}
