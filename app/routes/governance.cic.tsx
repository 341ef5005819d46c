import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { GovernanceError } from '~/modules/governance/errors';
import { addDirector, cicRoadmap, stepEditable, endDirectorship, isDirector, listDirectors, updateCicStep } from '~/modules/governance/cic.server';
import { authorizeGovernanceAction, governanceAbilities } from '~/modules/governance/access.server';
import { CicStepSchema, DirectorSchema, dateInputToMs } from '~/modules/governance/governance.schema.server';
import { activeMembers, recentProposals } from '~/modules/governance/records.server';
import { STEP_DOCUMENTS } from '~/modules/governance/documents';
import { useFormat } from '~/utils/format';
import { PageHeader } from '~/ui/page';

export const meta: MetaFunction = () => [{ title: 'CIC transition · NOMI Workspace' }];

const YEAR = 365 * 24 * 60 * 60_000;

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const [roadmap, directors, members, proposals, director] = await Promise.all([
    cicRoadmap(),
    listDirectors(),
    activeMembers(),
    recentProposals(),
    isDirector(user.id),
  ]);
  const editable: Record<string, boolean> = {};
  for (const s of roadmap.steps) editable[s.key] = stepEditable(user, s.owner_id, director);
  return json({ roadmap, directors, members, proposals, editable, abilities: governanceAbilities(user) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  try {
    if (intent === 'step') {
      const s = parseWithZod(formData, { schema: CicStepSchema });
      const key = String(formData.get('key') ?? '').slice(0, 60);
      if (s.status !== 'success') {
        const first = Object.values(s.error ?? {})[0]?.[0] ?? 'governance.errors.invalid';
        return json({ scope: key, error: first, values: keptStep(formData) }, { status: 400 });
      }
      // updateCicStep refuses (policy cicStep.edit) before writing; the catch below turns that into 403.
      await updateCicStep(user, s.value.key, {
        status: s.value.status,
        ownerId: s.value.ownerId || null,
        notes: s.value.notes ?? '',
        proposalId: s.value.proposalId || null,
        link: s.value.link || null,
      });
      return redirectWithFlash(request, `/governance/cic#step-${s.value.key}`, { key: 'governance.cic.saved' });
    }
    if (intent === 'director') {
      authorizeGovernanceAction(user, 'director.manage');
      const s = parseWithZod(formData, { schema: DirectorSchema });
      if (s.status !== 'success') {
        const first = Object.values(s.error ?? {})[0]?.[0] ?? 'governance.errors.invalid';
        return json({ scope: 'director', error: first }, { status: 400 });
      }
      const start = dateInputToMs(s.value.termStart);
      await addDirector(user, { userId: s.value.userId, termStart: start, termEnd: start + s.value.termYears * YEAR, proposalId: s.value.proposalId || null });
      return redirectWithFlash(request, '/governance/cic#directors', { key: 'governance.directors.added' });
    }
    if (intent === 'end-director') {
      authorizeGovernanceAction(user, 'director.manage');
      await endDirectorship(user, String(formData.get('id') ?? '').slice(0, 40));
      return redirectWithFlash(request, '/governance/cic#directors', { key: 'governance.directors.ended' });
    }
  } catch (e) {
    if (e instanceof GovernanceError) {
      if (e.status === 404) throw new Response('Not found', { status: 404 });
      if (e.status === 403) throw new Response('Forbidden', { status: 403 });
      return json(
        { scope: intent === 'step' ? String(formData.get('key') ?? '') : 'director', error: `governance.errors.${e.code}`, values: intent === 'step' ? keptStep(formData) : null },
        { status: e.status },
      );
    }
    throw e;
  }
  return json({ scope: '', error: 'governance.errors.invalid' }, { status: 400 });
}

/**
 * What was typed into a step's form, sent back with its error so the page (a full reload without
 * JavaScript) shows it again instead of the saved values.
 */
function keptStep(formData: FormData) {
  const text = (name: string, max: number) => String(formData.get(name) ?? '').slice(0, max);
  return { status: text('status', 20), ownerId: text('ownerId', 40), proposalId: text('proposalId', 40), link: text('link', 500), notes: text('notes', 4000) };
}

export default function CicRoadmap() {
  const { t } = useTranslation();
  const format = useFormat();
  const { roadmap, directors, members, proposals, editable, abilities } = useLoaderData<typeof loader>();
  const isSteward = abilities['director.manage'];
  const actionData = useActionData<typeof action>();
  // A step's form that came back with an error shows what was typed (keptStep).
  const kept: Record<string, ReturnType<typeof keptStep> | undefined> = actionData && 'values' in actionData && actionData.values ? { [actionData.scope]: actionData.values } : {};
  const now = Date.now();
  return (
    <>
      <PageHeader title={t('governance.cic.title')} lead={t('governance.cic.lead')} />
      <p>
        <Link to="/governance">{t('governance.back')}</Link>
      </p>
      <section className="card" aria-labelledby="progress">
        <h2 id="progress">{t('governance.cic.progress')}</h2>
        <progress max={roadmap.total} value={roadmap.done} aria-labelledby="progress" />
        <p>{t('governance.cic.progressText', { done: roadmap.done, total: roadmap.total })}</p>
        {roadmap.next ? (
          <p>
            {t('governance.cic.next', { step: t(`governance.cic.steps.${roadmap.next}.title`) })}
            {roadmap.blocking ? (
              <>
                {' '}
                <strong>{t(`governance.cic.blocking.${roadmap.blocking.reason}`)}</strong>
              </>
            ) : null}
          </p>
        ) : (
          <p>{t('governance.cic.allDone')}</p>
        )}
      </section>
      <ol className="list-plain cic-steps">
        {roadmap.steps.map((s) => (
          <li key={s.key} id={`step-${s.key}`} className={`card cic-step cic-step--${s.status}`}>
            <h2 className="h3">
              {s.position}. {t(`governance.cic.steps.${s.key}.title`)}
            </h2>
            <p className="meta">
              <span className={`status status--${s.status}`}>{t(`governance.cic.status.${s.status}`)}</span> · {s.owner_name ? t('governance.cic.owner', { name: s.owner_name }) : t('governance.cic.noOwner')}
            </p>
            <p>{t(`governance.cic.steps.${s.key}.body`)}</p>
            {s.notes ? (
              <p dir="auto" className="notes">
                {s.notes}
              </p>
            ) : null}
            {s.proposal_id ? (
              <p>
                {t('governance.cic.linkedProposal')} <Link to={`/governance/proposals/${s.proposal_id}`}>{s.proposal_title}</Link>
                {s.proposal_outcome ? ` — ${t(`governance.outcomes.${s.proposal_outcome}`)}` : ` — ${t(`governance.status.${s.proposal_status ?? 'open'}`)}`}
              </p>
            ) : null}
            {STEP_DOCUMENTS[s.key] ? (
              <p>
                <Link to={`/governance/documents/${STEP_DOCUMENTS[s.key]}`}>{t('governance.documents.open')}</Link>
              </p>
            ) : null}
            {s.link ? (
              <p>
                <a href={s.link} rel="noopener noreferrer">
                  {t('governance.cic.linkedDocument')}
                </a>
              </p>
            ) : null}
            {editable[s.key] ? (
              <details open={actionData?.scope === s.key}>
                <summary>{t('governance.cic.update', { step: t(`governance.cic.steps.${s.key}.title`) })}</summary>
                <Form method="post" className="form">
                  <input type="hidden" name="intent" value="step" />
                  <input type="hidden" name="key" value={s.key} />
                  {actionData?.scope === s.key ? (
                    <p className="field__error" role="alert">
                      {t(actionData.error)}
                    </p>
                  ) : null}
                  <div className="field">
                    <label className="field__label" htmlFor={`status-${s.key}`}>
                      {t('governance.cic.statusLabel')}
                    </label>
                    <select id={`status-${s.key}`} name="status" className="input" defaultValue={kept[s.key]?.status ?? s.status}>
                      {(['todo', 'in_progress', 'done'] as const).map((v) => (
                        <option key={v} value={v}>
                          {t(`governance.cic.status.${v}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label className="field__label" htmlFor={`owner-${s.key}`}>
                      {t('governance.cic.ownerLabel')}
                    </label>
                    <select id={`owner-${s.key}`} name="ownerId" className="input" defaultValue={kept[s.key]?.ownerId ?? s.owner_id ?? ''}>
                      <option value="">{t('governance.cic.noOwner')}</option>
                      {members.map((m) => (
                        <option key={m.id} value={m.id}>
                          {m.name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label className="field__label" htmlFor={`proposal-${s.key}`}>
                      {t('governance.cic.proposalLabel')}
                    </label>
                    <select id={`proposal-${s.key}`} name="proposalId" className="input" defaultValue={kept[s.key]?.proposalId ?? s.proposal_id ?? ''}>
                      <option value="">{t('governance.cic.noProposal')}</option>
                      {proposals.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.title}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label className="field__label" htmlFor={`link-${s.key}`}>
                      {t('governance.cic.linkLabel')} <span className="field__optional">{t('common.form.optional')}</span>
                    </label>
                    <p className="field__hint" id={`link-hint-${s.key}`}>
                      {t('governance.cic.linkHint')}
                    </p>
                    <input id={`link-${s.key}`} name="link" className="input" maxLength={500} dir="ltr" defaultValue={kept[s.key]?.link ?? s.link ?? ''} aria-describedby={`link-hint-${s.key}`} />
                  </div>
                  <div className="field">
                    <label className="field__label" htmlFor={`notes-${s.key}`}>
                      {t('governance.cic.notesLabel')} <span className="field__optional">{t('common.form.optional')}</span>
                    </label>
                    <textarea id={`notes-${s.key}`} name="notes" rows={3} maxLength={4000} className="input" dir="auto" defaultValue={kept[s.key]?.notes ?? s.notes} />
                  </div>
                  <button type="submit" className="button">
                    {t('governance.cic.save')}
                  </button>
                </Form>
              </details>
            ) : null}
          </li>
        ))}
      </ol>
      <section aria-labelledby="directors-title" id="directors">
        <h2 id="directors-title">{t('governance.directors.title')}</h2>
        {directors.length === 0 ? <p>{t('governance.directors.none')}</p> : null}
        <ul>
          {directors.map((d) => (
            <li key={d.id}>
              <span dir="auto">{d.name}</span> — {t('governance.directors.term', { start: format.day(d.term_start), end: format.day(d.term_end) })}
              {d.ceased_at ? ` · ${t('governance.directors.ceased', { when: format.date(d.ceased_at) })}` : d.term_end < now ? ` · ${t('governance.directors.expired')}` : ''}
              {d.proposal_id ? (
                <>
                  {' '}
                  · <Link to={`/governance/proposals/${d.proposal_id}`}>{t('governance.directors.election')}</Link>
                </>
              ) : null}
              {isSteward && !d.ceased_at ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="id" value={d.id} />
                  <button type="submit" name="intent" value="end-director" className="button button--link">
                    {t('governance.directors.end', { name: d.name })}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
        {isSteward ? (
          <details open={actionData?.scope === 'director'}>
            <summary>{t('governance.directors.add')}</summary>
            <Form method="post" className="form">
              <input type="hidden" name="intent" value="director" />
              {actionData?.scope === 'director' ? (
                <p className="field__error" role="alert">
                  {t(actionData.error)}
                </p>
              ) : null}
              <div className="field">
                <label className="field__label" htmlFor="director-member">
                  {t('governance.directors.member.label')}
                </label>
                <select id="director-member" name="userId" className="input" required>
                  <option value="">{t('governance.proxies.holder.choose')}</option>
                  {members.map((m) => (
                    <option key={m.id} value={m.id}>
                      {m.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label className="field__label" htmlFor="director-start">
                  {t('governance.directors.start')}
                </label>
                <input id="director-start" name="termStart" type="date" required className="input input--narrow" />
              </div>
              <div className="field">
                <label className="field__label" htmlFor="director-years">
                  {t('governance.directors.years.label')}
                </label>
                <input id="director-years" name="termYears" type="number" min={1} max={5} defaultValue={3} inputMode="numeric" className="input input--narrow" />
              </div>
              <div className="field">
                <label className="field__label" htmlFor="director-election">
                  {t('governance.directors.electionLabel')} <span className="field__optional">{t('common.form.optional')}</span>
                </label>
                <select id="director-election" name="proposalId" className="input">
                  <option value="">{t('governance.cic.noProposal')}</option>
                  {proposals
                    .filter((p) => p.kind === 'election' && p.status === 'closed')
                    .map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.title}
                      </option>
                    ))}
                </select>
              </div>
              <button type="submit" className="button">
                {t('governance.directors.addButton')}
              </button>
            </Form>
          </details>
        ) : null}
      </section>
    </>
  );
}
