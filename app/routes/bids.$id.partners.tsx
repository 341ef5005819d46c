import { json, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import type { z } from 'zod';
import { bidContext } from '~/modules/bids/context.server';
import { forbidden, orgEntriesLedBy } from '~/modules/bids/access.server';
import {
  BidInputError,
  addOrgPartner,
  addPartner,
  bidSuggestions,
  budgetSummary,
  invitableMembers,
  invitableOrgs,
  listPartners,
  organisationOptions,
  removePartner,
  setBudget,
  setShowName,
  updateOrgEntry,
  updatePartner,
} from '~/modules/bids/bids.server';
import { OrgEntrySchema, OrgPartnerSchema, PartnerEditSchema, PartnerSchema } from '~/modules/bids/bids.schema.server';
import { BID_ROLES, formatMoney, moneyInput, parseMoney } from '~/modules/bids/constants';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { logger } from '~/modules/logging/logger.server';
import { reasonSentence } from '~/modules/directory/reasons';
import type { Suggestion } from '~/modules/directory/matching.server';
import { ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField, useErrorText } from '~/ui/form';
import { MemberPicker, MemberPickerSearch, type MemberPickerOption } from '~/ui/member-picker';
import { memberPickerOptions } from '~/modules/directory/member-picker.server';
import { memberName } from '~/modules/directory/former-member';

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { bid, role, user, abilities } = await bidContext(request, params.id);
  const partners = await listPartners(bid.id);
  const manage = abilities['bid.manage'];
  let suggestions: Suggestion[] = [];
  let missing: string[] = [];
  if (manage) {
    try {
      ({ suggestions, missing } = await bidSuggestions(bid, user.id));
    } catch (error) {
      logger.warn({ err: error }, 'bid partner suggestions failed');
    }
  }
  const ledEntries = await orgEntriesLedBy(bid.id, user.id);
  const members = manage ? await invitableMembers(bid.id) : [];
  return json({
    role,
    abilities,
    bid: { id: bid.id, amount: bid.amount, currency: bid.currency, fromNotice: Boolean(bid.notice_id), showOnNotice: bid.show_on_notice === 1 },
    partners: partners.map((p) => ({
      ...p,
      // Entries this member speaks for: their own, and those of organisations they lead.
      mine: p.kind === 'member' ? p.user_id === user.id : ledEntries.includes(p.id),
    })),
    budget: budgetSummary(bid.amount, partners.map((p) => p.budget_share)),
    members,
    memberPicker: manage ? await memberPickerOptions(new URL(request.url).searchParams.get('member'), members) : null,
    orgs: manage ? (await organisationOptions()).map((o) => ({ id: o.id, name: o.name })) : [],
    invitableOrgs: manage ? await invitableOrgs(bid.id) : [],
    suggestions,
    missing,
  });
}

type BudgetReply = { intent: 'budget'; message: string; values: Record<string, string>; fieldErrors: Record<string, string>; params: Record<string, string | number> };

const MANAGE_INTENTS = ['add', 'add-org', 'update', 'remove', 'budget'];

export async function action({ request, params }: ActionFunctionArgs) {
  const { bid, user, abilities } = await bidContext(request, params.id);
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const back = `/bids/${bid.id}/partners`;
  if (MANAGE_INTENTS.includes(intent) && !abilities['bid.manage']) throw forbidden();

  if (intent === 'add-org') {
    const submission = parseWithZod(formData, { schema: OrgPartnerSchema });
    if (submission.status !== 'success') return json({ intent, result: submission.reply() }, { status: 400 });
    try {
      await addOrgPartner(bid.id, submission.value, user);
    } catch (error) {
      if (!(error instanceof BidInputError)) throw error;
      return json({ intent, result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) }, { status: 400 });
    }
    return redirectWithFlash(request, back, { key: 'bids.orgPartners.invited' });
  }

  // A lead of a partner organisation updates what the organisation will deliver.
  if (intent === 'org-entry') {
    const submission = parseWithZod(formData, { schema: OrgEntrySchema });
    if (submission.status !== 'success') return json({ intent, partnerId: String(formData.get('partnerId') ?? '').slice(0, 40), error: 'bids.validation.choose' }, { status: 400 });
    if (!(await updateOrgEntry(user, bid.id, submission.value.partnerId, submission.value.delivers ?? ''))) throw forbidden();
    return redirectWithFlash(request, back, { key: 'bids.partners.updated' });
  }

  // A partner (or an organisation's lead) chooses whether their name appears on the funding call.
  if (intent === 'show-name' || intent === 'hide-name') {
    const partnerId = String(formData.get('partnerId') ?? '').slice(0, 40);
    if (!(await setShowName(user, bid.id, partnerId, intent === 'show-name'))) throw forbidden();
    return redirectWithFlash(request, back, { key: intent === 'show-name' ? 'bids.onNotice.nameShown' : 'bids.onNotice.nameHidden' });
  }

  if (intent === 'add') {
    const submission = parseWithZod(formData, { schema: PartnerSchema });
    if (submission.status !== 'success') return json({ intent, result: submission.reply() }, { status: 400 });
    try {
      await addPartner(bid.id, submission.value, user);
    } catch (error) {
      if (!(error instanceof BidInputError)) throw error;
      return json({ intent, result: submission.reply({ fieldErrors: { [error.field]: [error.message] } }) }, { status: 400 });
    }
    return redirectWithFlash(request, back, { key: 'bids.partners.added' });
  }

  if (intent === 'update') {
    const submission = parseWithZod(formData, { schema: PartnerEditSchema });
    if (submission.status !== 'success') return json({ intent, partnerId: String(formData.get('partnerId') ?? ''), error: 'bids.validation.choose' }, { status: 400 });
    try {
      if (!(await updatePartner(user, bid.id, submission.value))) throw new Response('Not found', { status: 404 });
    } catch (error) {
      if (error instanceof BidInputError) return json({ intent, partnerId: submission.value.partnerId, error: error.message }, { status: 400 });
      throw error;
    }
    return redirectWithFlash(request, back, { key: 'bids.partners.updated' });
  }

  if (intent === 'remove') {
    const partnerId = String(formData.get('partnerId') ?? '').slice(0, 40);
    try {
      if (!(await removePartner(user, bid.id, partnerId))) throw new Response('Not found', { status: 404 });
    } catch (error) {
      if (error instanceof BidInputError) return json({ intent, partnerId, error: error.message }, { status: 400 });
      throw error;
    }
    return redirectWithFlash(request, back, { key: 'bids.partners.removed' });
  }

  if (intent === 'budget') {
    const partners = await listPartners(bid.id);
    const values: Record<string, string> = {};
    const fieldErrors: Record<string, string> = {};
    const shares: Record<string, number> = {};
    for (const p of partners) {
      const raw = String(formData.get(`share-${p.id}`) ?? '').slice(0, 40);
      values[p.id] = raw;
      const minor = raw.trim() === '' ? 0 : parseMoney(raw);
      if (minor === null) fieldErrors[p.id] = 'bids.validation.amountInvalid';
      else shares[p.id] = minor;
    }
    if (Object.keys(fieldErrors).length) {
      return json({ intent, message: '', values, fieldErrors, params: {} } satisfies BudgetReply, { status: 400 });
    }
    try {
      await setBudget(user, bid.id, shares);
    } catch (error) {
      if (!(error instanceof BidInputError)) throw error;
      const money = (n: unknown) => formatMoney(Number(n ?? 0), bid.currency, 'en');
      const paramsOut = { allocated: money(error.values.allocated), remainder: money(error.values.remainder), amount: money(bid.amount) };
      if (error.field.startsWith('share-')) fieldErrors[error.field.slice(6)] = error.message;
      return json({ intent, message: error.field === 'budget' ? error.message : '', values, fieldErrors, params: paramsOut } satisfies BudgetReply, { status: 400 });
    }
    return redirectWithFlash(request, back, { key: 'bids.budget.saved' });
  }
  throw new Response('Bad request', { status: 400 });
}

function AddPartnerForm({ members, orgs, picker }: { members: Array<{ id: string; name: string }>; orgs: Array<{ id: string; name: string }>; picker: { options: MemberPickerOption[]; more: boolean; suggestion: string | null } }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const errorText = useErrorText();
  const data = useActionData<typeof action>();
  const lastResult = data && 'result' in data && data.intent === 'add' ? data.result : undefined;
  const [form, fields] = useForm<z.input<typeof PartnerSchema>, z.output<typeof PartnerSchema>>({
    id: 'add-partner',
    lastResult,
    defaultValue: { role: 'partner' },
    shouldValidate: 'onSubmit',
  });
  return (
    <section className="card" aria-labelledby="add-partner-h">
      <h2 id="add-partner-h">{t('bids.partners.add')}</h2>
      {members.length === 0 ? (
        <p>{t('bids.partners.noneToInvite')}</p>
      ) : (
        <>
          <ErrorSummary form={form} fields={fields} />
          <MemberPickerSearch id="partner-member-search" />
          <Form method="post" {...getFormProps(form)} className="form">
            <MemberPicker
              name={fields.userId.name}
              label={t('bids.partners.member')}
              error={errorText(fields.userId.errors)}
              errorId={fields.userId.errorId}
              selected={typeof fields.userId.initialValue === 'string' ? fields.userId.initialValue : null}
              queryParam="member"
              searchForm="partner-member-search"
              {...picker}
            />
            <SelectField field={fields.orgId} label={t('bids.partners.org')} hint={t('bids.partners.orgHint')} optional options={[{ value: '', label: t('bids.fields.noOrg') }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]} />
            <SelectField field={fields.role} label={t('bids.partners.role')} hint={t('bids.partners.roleHint')} options={BID_ROLES.map((r) => ({ value: r, label: t(`bids.roles.${r}`) }))} />
            <TextField field={fields.budgetShare} label={t('bids.partners.share')} hint={t('bids.partners.shareHint')} optional inputMode="decimal" maxLength={20} dir="ltr" />
            <TextAreaField field={fields.delivers} label={t('bids.partners.delivers')} optional rows={3} maxLength={1000} />
            <SubmitButton name="intent" value="add" pending={navigation.state !== 'idle'}>
              {t('bids.partners.addSubmit')}
            </SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}

function AddOrgPartnerForm({ orgs }: { orgs: Array<{ id: string; name: string }> }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const data = useActionData<typeof action>();
  const lastResult = data && 'result' in data && data.intent === 'add-org' ? data.result : undefined;
  const [form, fields] = useForm<z.input<typeof OrgPartnerSchema>, z.output<typeof OrgPartnerSchema>>({
    id: 'add-org-partner',
    lastResult,
    defaultValue: { role: 'partner' },
    shouldValidate: 'onSubmit',
  });
  return (
    <section className="card" aria-labelledby="add-org-h">
      <h2 id="add-org-h">{t('bids.orgPartners.add')}</h2>
      <p className="meta">{t('bids.orgPartners.addLead')}</p>
      {orgs.length === 0 ? (
        <p>{t('bids.orgPartners.noneToInvite')}</p>
      ) : (
        <>
          <ErrorSummary form={form} fields={fields} />
          <Form method="post" {...getFormProps(form)} className="form">
            <SelectField field={fields.orgId} label={t('bids.orgPartners.org')} options={[{ value: '', label: t('bids.orgPartners.chooseOrg') }, ...orgs.map((o) => ({ value: o.id, label: o.name }))]} />
            <SelectField field={fields.role} label={t('bids.partners.role')} hint={t('bids.orgPartners.roleHint')} options={BID_ROLES.map((r) => ({ value: r, label: t(`bids.roles.${r}`) }))} />
            <TextField field={fields.budgetShare} label={t('bids.partners.share')} hint={t('bids.partners.shareHint')} optional inputMode="decimal" maxLength={20} dir="ltr" />
            <TextAreaField field={fields.delivers} label={t('bids.partners.delivers')} optional rows={3} maxLength={1000} />
            <SubmitButton name="intent" value="add-org" pending={navigation.state !== 'idle'}>
              {t('bids.orgPartners.addSubmit')}
            </SubmitButton>
          </Form>
        </>
      )}
    </section>
  );
}

/** "On the funding call": whether the bid is shown there, and each of the viewer's own entries' choice. */
function OnNotice({ bid, partners }: { bid: { showOnNotice: boolean; fromNotice: boolean }; partners: Array<{ id: string; kind: string; name: string; mine: boolean; show_name: number; status: string }> }) {
  const { t } = useTranslation();
  if (!bid.fromNotice) return null;
  const mine = partners.filter((p) => p.mine && p.status !== 'declined');
  return (
    <section className="card" aria-labelledby="on-notice-h">
      <h2 id="on-notice-h">{t('bids.onNotice.title')}</h2>
      <p>{t(bid.showOnNotice ? 'bids.onNotice.bidShown' : 'bids.onNotice.bidHidden')}</p>
      {mine.length ? (
        <ul className="list-plain list-rows">
          {mine.map((p) => (
            <li key={p.id}>
              <p dir="auto">
                {t(p.show_name ? 'bids.onNotice.nameIsShown' : 'bids.onNotice.nameIsHidden', { name: p.name })}
                {p.show_name && !bid.showOnNotice ? ` ${t('bids.onNotice.onlyIfShown')}` : ''}
              </p>
              <Form method="post">
                <input type="hidden" name="partnerId" value={p.id} />
                <button type="submit" name="intent" value={p.show_name ? 'hide-name' : 'show-name'} className="button button--secondary">
                  {t(p.show_name ? 'bids.onNotice.hide' : 'bids.onNotice.show', { name: p.name })}
                </button>
              </Form>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export default function BidPartners() {
  const { t, i18n } = useTranslation();
  const { bid, partners, budget, abilities, members, orgs, invitableOrgs: inviteOrgs, suggestions, missing, memberPicker } = useLoaderData<typeof loader>();
  const invitableOrgIds = new Set(inviteOrgs.map((o) => o.id));
  const invitableMemberIds = new Set(members.map((m) => m.id));
  const data = useActionData<typeof action>();
  const manage = abilities['bid.manage'];
  const money = (minor: number) => formatMoney(minor, bid.currency, i18n.language);
  const budgetReply = data && data.intent === 'budget' ? (data as BudgetReply) : null;
  const rowError = data && 'partnerId' in data && 'error' in data ? data : null;
  return (
    <div className="stack">
      <h2>{t('bids.partners.title')}</h2>
      <p>
        {t('bids.budget.summary', { allocated: money(budget.allocated), amount: money(bid.amount) })}{' '}
        {budget.balanced ? (
          <strong>{t('bids.budget.balanced')}</strong>
        ) : budget.remainder > 0 ? (
          <strong>{t('bids.budget.remaining', { amount: money(budget.remainder) })}</strong>
        ) : (
          <strong className="bid-over">{t('bids.budget.overBy', { amount: money(-budget.remainder) })}</strong>
        )}
      </p>
      <ul className="list-plain list-rows">
        {partners.map((p) => (
          <li key={p.id} className="bid-partner">
            <p>
              <strong dir="auto">{p.kind === 'org' && p.org_slug ? <Link to={`/orgs/${p.org_slug}`}>{p.name}</Link> : p.kind === 'org' ? p.name : memberName(t, p.name)}</strong>
              {p.kind === 'org' ? (
                <>
                  {' '}
                  <span className="tag tag--muted">{t('bids.suggest.kind.org')}</span>
                </>
              ) : null}
              {p.kind === 'member' && p.org_name ? (
                <>
                  {' '}
                  · {p.org_slug ? <Link to={`/orgs/${p.org_slug}`}>{p.org_name}</Link> : p.org_name}
                </>
              ) : null}{' '}
              · <span className="tag">{t(`bids.roles.${p.role}`)}</span> · {t('bids.partners.shareIs', { amount: money(p.budget_share) })}
              {p.status !== 'accepted' ? (
                <>
                  {' '}
                  · <span className="tag tag--muted">{t(`bids.orgPartners.status.${p.status}`)}</span>
                </>
              ) : null}
            </p>
            {p.kind === 'org' && p.status === 'accepted' ? <p className="meta">{t('bids.orgPartners.membersHaveAccess', { role: t(`bids.roles.${p.role}`) })}</p> : null}
            {p.delivers ? (
              <p dir="auto" className="meta">
                {t('bids.partners.deliversLabel')}: {p.delivers}
              </p>
            ) : null}
            {rowError && rowError.partnerId === p.id ? (
              <p className="field__error" role="alert">
                {t(String(rowError.error))}
              </p>
            ) : null}
            {!manage && p.kind === 'org' && p.mine && p.status === 'accepted' ? (
              <details className="bid-partner__edit">
                <summary>{t('bids.orgPartners.editEntry', { name: p.name })}</summary>
                <Form method="post" className="form">
                  <input type="hidden" name="partnerId" value={p.id} />
                  <div className="field">
                    <label className="field__label" htmlFor={`org-delivers-${p.id}`}>
                      {t('bids.partners.delivers')}
                    </label>
                    <textarea id={`org-delivers-${p.id}`} name="delivers" defaultValue={p.delivers} rows={3} maxLength={1000} dir="auto" className="input" />
                  </div>
                  <button type="submit" name="intent" value="org-entry" className="button">
                    {t('bids.partners.save')}
                  </button>
                </Form>
              </details>
            ) : null}
            {manage ? (
              <details className="bid-partner__edit">
                <summary>{t('bids.partners.change', { name: p.name })}</summary>
                <Form method="post" className="form">
                  <input type="hidden" name="partnerId" value={p.id} />
                  <div className="field">
                    <label className="field__label" htmlFor={`role-${p.id}`}>
                      {t('bids.partners.role')}
                    </label>
                    <select id={`role-${p.id}`} name="role" defaultValue={p.role} className="input">
                      {BID_ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`bids.roles.${r}`)}
                        </option>
                      ))}
                    </select>
                  </div>
                  <div className="field">
                    <label className="field__label" htmlFor={`delivers-${p.id}`}>
                      {t('bids.partners.delivers')}
                    </label>
                    <textarea id={`delivers-${p.id}`} name="delivers" defaultValue={p.delivers} rows={3} maxLength={1000} dir="auto" className="input" />
                  </div>
                  <div className="button-row">
                    <button type="submit" name="intent" value="update" className="button">
                      {t('bids.partners.save')}
                    </button>
                    <button type="submit" name="intent" value="remove" className="button button--danger">
                      {t('bids.partners.remove')}
                    </button>
                  </div>
                </Form>
              </details>
            ) : null}
          </li>
        ))}
      </ul>

      {manage ? (
        <section className="card" aria-labelledby="budget-form-h">
          <h2 id="budget-form-h">{t('bids.budget.splitTitle')}</h2>
          <p>{t('bids.budget.splitHint', { amount: money(bid.amount) })}</p>
          {budgetReply && (budgetReply.message || Object.keys(budgetReply.fieldErrors).length) ? (
            <div className="error-summary" role="alert" tabIndex={-1} aria-labelledby="budget-problem">
              <h3 id="budget-problem" className="error-summary__title">
                {t('common.form.problem')}
              </h3>
              <ul>
                {budgetReply.message ? <li>{t(budgetReply.message, budgetReply.params)}</li> : null}
                {Object.entries(budgetReply.fieldErrors).map(([id, msg]) => (
                  <li key={id}>
                    <a href={`#share-${id}`}>{t(msg)}</a>
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <Form method="post" className="form" id="budget-form">
            {partners.map((p) => {
              const err = budgetReply?.fieldErrors[p.id];
              return (
                <div key={p.id} className={`field${err ? ' field--error' : ''}`}>
                  <label className="field__label" htmlFor={`share-${p.id}`}>
                    {t('bids.budget.shareOf', { name: p.name })}
                  </label>
                  {err ? (
                    <p className="field__error" id={`share-${p.id}-error`}>
                      {t(err)}
                    </p>
                  ) : null}
                  <input
                    id={`share-${p.id}`}
                    name={`share-${p.id}`}
                    className="input"
                    inputMode="decimal"
                    maxLength={20}
                    dir="ltr"
                    aria-invalid={err ? true : undefined}
                    aria-describedby={err ? `share-${p.id}-error` : undefined}
                    defaultValue={budgetReply ? budgetReply.values[p.id] : moneyInput(p.budget_share)}
                    key={budgetReply ? `r-${budgetReply.values[p.id]}` : `s-${p.budget_share}`}
                  />
                </div>
              );
            })}
            <SubmitButton name="intent" value="budget">
              {t('bids.budget.save')}
            </SubmitButton>
          </Form>
        </section>
      ) : null}

      <OnNotice bid={bid} partners={partners} />

      {manage && memberPicker ? <AddPartnerForm members={members} orgs={orgs} picker={memberPicker} /> : null}

      {manage ? <AddOrgPartnerForm orgs={inviteOrgs} /> : null}

      {manage ? (
        <section className="card" aria-labelledby="suggest-h">
          <h2 id="suggest-h">{t('bids.suggest.title')}</h2>
          <p className="meta">{missing.length ? t('bids.suggest.missing', { count: missing.length }) : t('bids.suggest.lead')}</p>
          {suggestions.length === 0 ? (
            <p>{t('bids.suggest.none')}</p>
          ) : (
            <ul className="list-plain list-rows">
              {suggestions.map((s) => (
                <li key={`${s.kind}-${s.id}`}>
                  <Link to={s.href}>{s.name}</Link> <span className="tag tag--muted">{t(`bids.suggest.kind.${s.kind}`)}</span>
                  <p className="meta">{reasonSentence(t, s.reasons, i18n.language)}</p>
                  {(s.kind === 'org' ? invitableOrgIds : invitableMemberIds).has(s.id) ? (
                    <Form method="post">
                      <input type="hidden" name={s.kind === 'org' ? 'orgId' : 'userId'} value={s.id} />
                      <input type="hidden" name="role" value="partner" />
                      <button type="submit" name="intent" value={s.kind === 'org' ? 'add-org' : 'add'} className="button button--secondary">
                        {t('bids.suggest.invite', { name: s.name })}
                      </button>
                    </Form>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
