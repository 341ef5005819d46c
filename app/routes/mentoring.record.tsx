import { json, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { myRecord } from '~/modules/mentoring/record.server';
import { TopicTags, useDay, useDuration } from '~/modules/mentoring/components/bits';
import { EmptyState, PageHeader } from '~/ui/page';
import { TableRegion } from '~/ui/table-region';

export const meta: MetaFunction = () => [{ title: 'My mentoring record · NOMI Workspace' }, { name: 'robots', content: 'noindex' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return json({ name: user.name, record: await myRecord(user.id), printedAt: Date.now() });
}

export default function MentoringRecord() {
  const { t } = useTranslation();
  const { name, record } = useLoaderData<typeof loader>();
  const day = useDay();
  const duration = useDuration();
  const total = record.reduce((sum, m) => sum + m.minutes, 0);
  const sessions = record.reduce((sum, m) => sum + m.sessions.length, 0);
  return (
    <div className="mentoring-record">
      <PageHeader title={t('mentoring.record.title', { name })} lead={t('mentoring.record.lead')} />
      <p className="button-row no-print">
        <a href="/mentoring/record.csv" className="button button--secondary" download>
          {t('mentoring.record.csv')}
        </a>
        <Link to="/mentoring">{t('mentoring.detail.backHome')}</Link>
      </p>
      <p className="no-print field__hint">{t('mentoring.record.printHint')}</p>
      {record.length === 0 ? (
        <EmptyState title={t('mentoring.record.empty')} />
      ) : (
        <>
          <p className="mentoring-record__summary">{t('mentoring.record.summary', { count: sessions, duration: duration(total) })}</p>
          {record.map((m) => (
            <section key={m.id} className="card mentoring-record__item" aria-labelledby={`record-${m.id}`}>
              <h2 id={`record-${m.id}`}>
                {t(m.side === 'mentor' ? 'mentoring.record.asMentor' : 'mentoring.record.asMentee', { name: m.otherName })}
              </h2>
              <p className="meta">
                {m.closedAt ? t('mentoring.record.fromTo', { from: day(m.since), to: day(m.closedAt) }) : t('mentoring.record.fromOngoing', { from: day(m.since) })} ·{' '}
                {t('mentoring.record.totals', { count: m.sessions.length, duration: duration(m.minutes) })}
              </p>
              {m.goalsAchieved.length ? (
                <>
                  <h3>{t('mentoring.goals.achievedTitle')}</h3>
                  <ul>
                    {m.goalsAchieved.map((g, i) => (
                      <li key={i}>
                        <span dir="auto">{g.title}</span> {g.achievedAt ? <span className="meta">({day(g.achievedAt)})</span> : null}
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              {m.sessions.length ? (
                <TableRegion label={t('mentoring.record.sessionsCaption', { name: m.otherName })}>
                  <thead>
                    <tr>
                      <th scope="col">{t('mentoring.fields.heldOn')}</th>
                      <th scope="col">{t('mentoring.fields.duration')}</th>
                      <th scope="col">{t('mentoring.fields.sessionMode')}</th>
                      <th scope="col">{t('mentoring.fields.topics')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.sessions.map((s, i) => (
                      <tr key={i}>
                        <td>{day(s.heldOn)}</td>
                        <td>{duration(s.minutes)}</td>
                        <td>{t(`mentoring.modes.${s.mode}`)}</td>
                        <td>
                          <TopicTags topics={s.topics} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </TableRegion>
              ) : null}
            </section>
          ))}
        </>
      )}
      <p className="meta">{t('mentoring.record.privacy')}</p>
    </div>
  );
}
