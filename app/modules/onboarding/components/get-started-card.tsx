import { Link } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { STEP_LINKS, type GetStartedStep } from '../steps';

/** The first steps still to do, each a link to where it is done; done steps are simply gone. */
export function GetStartedCard({ percent, todo, total }: { percent: number; todo: GetStartedStep[]; total: number }) {
  const { t } = useTranslation();
  return (
    <section className="card get-started" aria-labelledby="get-started-title">
      <h2 id="get-started-title">{t('home.getStarted.title')}</h2>
      <p>{t('home.getStarted.progress', { done: total - todo.length, total })}</p>
      <ol className="get-started__list">
        {todo.map((step) => (
          <li key={step}>
            <Link to={STEP_LINKS[step]}>{t(`home.getStarted.steps.${step}.link`)}</Link>
            <p className="meta">{step === 'profile' ? t('home.getStarted.steps.profile.hint', { percent }) : t(`home.getStarted.steps.${step}.hint`)}</p>
          </li>
        ))}
      </ol>
    </section>
  );
}
