import { useTranslation } from '~/modules/i18n/react';
import { useFormat } from '~/utils/format';

/** Answered questions on a round, for every member: never who asked nor who answered. */
export function PublishedQuestions({ questions }: { questions: { id: string; question: string; answer: string; answeredAt: number }[] }) {
  const { t } = useTranslation();
  const f = useFormat();
  if (!questions.length) return <p className="meta">{t('funding.qa.none')}</p>;
  return (
    <dl className="fund-qa">
      {questions.map((q) => (
        <div key={q.id} className="fund-qa__item">
          <dt dir="auto">
            <span className="visually-hidden">{t('funding.qa.question')}: </span>
            {q.question}
          </dt>
          <dd>
            <span className="visually-hidden">{t('funding.qa.answer')}: </span>
            <span dir="auto" className="fund-qa__answer">
              {q.answer}
            </span>
            <span className="meta"> {t('funding.qa.answeredOn', { date: f.date(q.answeredAt) })}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}
