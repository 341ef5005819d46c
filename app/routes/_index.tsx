import { json, redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { getUser } from '~/modules/auth/session.server';
import { hasSteward } from '~/modules/auth/accounts.server';
import { canInvite } from '~/modules/membership/invitations.server';
import { countPendingApplications } from '~/modules/membership/applications.server';
import { unreadCount } from '~/modules/notifications/notifications.server';
import { PageHeader } from '~/ui/page';
import { mentoringDashboard } from '~/modules/mentoring/actions.server';
import { MentoringCard } from '~/modules/mentoring/components/dashboard-card';
import { needsVote } from '~/modules/governance/proposal-read.server';
import { NeedsVoteCard } from '~/modules/governance/components/needs-vote-card';
import { getStarted } from '~/modules/onboarding/get-started.server';
import { GetStartedCard } from '~/modules/onboarding/components/get-started-card';
import type { RouteHandle } from '~/utils/route-handle';

// The same page for every signed-out visitor: the server may keep it rendered (server/visitor-cache.ts).
export const handle: RouteHandle = { visitorCache: true };

export const meta: MetaFunction = () => [
  { title: 'NOMI Workspace — Network of Migrant Innovators' },
  { name: 'description', content: 'A members-only workspace for migrant-led projects in Birmingham, Coventry and Wolverhampton.' },
];

export async function loader({ request }: LoaderFunctionArgs) {
  if (!(await hasSteward())) throw redirect('/setup');
  const user = await getUser(request);
  if (!user) return json({ kind: 'visitor' as const });
  const welcome = new URL(request.url).searchParams.get('welcome');
  return json({
    kind: 'member' as const,
    name: user.name,
    welcome: welcome === 'steward' || welcome === 'member' ? welcome : null,
    canInvite: await canInvite(user),
    isSteward: user.role === 'steward',
    pendingApplications: user.role === 'steward' ? await countPendingApplications() : 0,
    unread: await unreadCount(user.id),
    mentoring: await mentoringDashboard(user.id),
    governanceNeedsVote: (await needsVote(user.id)).map((p) => ({ id: p.id, title: p.title, closes_at: p.closes_at, fundVote: p.kind === 'fund_vote' })),
    getStarted: await getStarted(user.id),
  });
}

function Landing() {
  const { t } = useTranslation();
  const points = ['partners', 'bids', 'mentoring', 'noticeboard', 'governance'] as const;
  return (
    <>
      <section className="hero" aria-labelledby="landing-title">
        <h1 id="landing-title">{t('home.landing.title')}</h1>
        <p>{t('home.landing.lead')}</p>
        <p className="button-row">
          <Link to="/join" className="button">
            {t('home.landing.join')}
          </Link>
          <Link to="/login" className="button button--secondary">
            {t('common.signIn')}
          </Link>
        </p>
      </section>
      <h2>{t('home.landing.whatTitle')}</h2>
      <ul className="cards list-plain">
        {points.map((p) => (
          <li key={p} className="card">
            <h3>{t(`home.landing.points.${p}.title`)}</h3>
            <p>{t(`home.landing.points.${p}.body`)}</p>
          </li>
        ))}
      </ul>
      <h2>{t('home.landing.whoTitle')}</h2>
      <p>{t('home.landing.who')}</p>
      <h2>{t('home.landing.privacyTitle')}</h2>
      <p>
        {t('home.landing.privacy')} <Link to="/privacy">{t('common.footer.privacy')}</Link>
      </p>
    </>
  );
}

export default function Index() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  if (data.kind === 'visitor') return <Landing />;
  return (
    <>
      <PageHeader title={t('home.dashboard.title', { name: data.name })} />
      {data.welcome ? (
        <div className="notice" role="status">
          {t(`home.dashboard.welcome.${data.welcome}`)}
        </div>
      ) : null}
      {data.getStarted && data.getStarted.todo.length ? <GetStartedCard {...data.getStarted} /> : null}
      <div className="cards">
        <NeedsVoteCard items={data.governanceNeedsVote} />
        {data.isSteward ? (
          <section className="card" aria-labelledby="dash-applications">
            <h2 id="dash-applications">{t('home.dashboard.applications.title')}</h2>
            <p>{data.pendingApplications ? t('home.dashboard.applications.pending', { count: data.pendingApplications }) : t('home.dashboard.applications.none')}</p>
            <Link to="/admin/applications">{t('home.dashboard.applications.link')}</Link>
          </section>
        ) : null}
        {data.canInvite ? (
          <section className="card" aria-labelledby="dash-invite">
            <h2 id="dash-invite">{t('home.dashboard.invite.title')}</h2>
            <p>{t('home.dashboard.invite.body')}</p>
            <Link to="/invitations">{t('home.dashboard.invite.link')}</Link>
          </section>
        ) : null}
        <MentoringCard summary={data.mentoring} />
        <section className="card" aria-labelledby="dash-notifications">
          <h2 id="dash-notifications">{t('home.dashboard.notifications.title')}</h2>
          <p>{data.unread ? t('home.dashboard.notifications.unread', { count: data.unread }) : t('home.dashboard.notifications.none')}</p>
          <Link to="/notifications">{t('home.dashboard.notifications.link')}</Link>
        </section>
        <section className="card" aria-labelledby="dash-settings">
          <h2 id="dash-settings">{t('home.dashboard.settings.title')}</h2>
          <p>{t('home.dashboard.settings.body')}</p>
          <Link to="/settings">{t('home.dashboard.settings.link')}</Link>
        </section>
      </div>
    </>
  );
}
