import { Form } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { useFormat } from '~/utils/format';
import { FieldError, type ActionData } from './proposal-form-bits';
import type { ProposalPageData } from './proposal-page-data';

/** The proposal text, its version and attachments (a facilitator adds files until close). */
export function ProposalBackground({ data, actionData, busy }: { data: ProposalPageData; actionData: ActionData | undefined; busy: boolean }) {
  const { t } = useTranslation();
  const { proposal: p } = data;
  const format = useFormat();
  return (
    <>
  <section aria-labelledby="background">
    <h2 id="background">{t('governance.background')}</h2>
    <div className="prose" dir="auto">
      {p.body.split(/\n{2,}/).map((para, i) => (
        <p key={i}>{para}</p>
      ))}
    </div>
    {p.version > 1 ? <p className="meta">{t('governance.versionLabel', { version: p.version })}</p> : null}
    {data.attachments.length > 0 || (data.facilitator && p.status !== 'closed') ? (
      <div id="attachments">
        <h3 className="h4">{t('governance.attachments.title')}</h3>
        {data.attachments.length > 0 ? (
          <ul>
            {data.attachments.map((a) => (
              <li key={a.id}>
                <a href={`/governance/proposals/${p.id}/files/${a.id}`} download dir="auto">
                  {a.name}
                </a>{' '}
                <span className="meta">({t('governance.attachments.size', { size: format.number(Math.max(1, Math.round(a.size / 1024))) })})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>{t('governance.attachments.none')}</p>
        )}
        {data.facilitator && p.status !== 'closed' ? (
          <Form method="post" encType="multipart/form-data" className="form form--inline">
            <div className="field">
              <label className="field__label" htmlFor="attach-file">
                {t('governance.attachments.label')}
              </label>
              <p className="field__hint" id="attach-file-hint">
                {t('governance.attachments.hint')}
              </p>
              <input id="attach-file" name="file" type="file" className="input" required aria-describedby="attach-file-hint" />
              <FieldError data={actionData} field="attach" />
            </div>
            <button type="submit" name="intent" value="attach" className="button button--secondary" disabled={busy}>
              {t('governance.attachments.submit')}
            </button>
          </Form>
        ) : null}
      </div>
    ) : null}
  </section>
    </>
  );
}
