import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { getUser, notFoundOrSignIn, requireUser } from '~/modules/auth/session.server';
import { abilitiesFor, authorize } from '~/policies';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { completeness, getProfileView } from '~/modules/directory/profiles.server';
import { explainMatch } from '~/modules/directory/matching.server';
import type { MatchReason } from '~/modules/directory/ranking';
import { customTagLabels } from '~/modules/directory/tags.server';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { block, hasBlocked, introduce, unblock } from '~/modules/directory/contact.server';
import { inviteToOrg, myOrgs } from '~/modules/directory/orgs.server';
import { IntroductionSchema } from '~/modules/directory/directory.schema.server';
import { Avatar, Languages, ReasonLine, TagChips, ThemeChips, whatsappLink } from '~/modules/directory/components/directory-ui';
import { ErrorSummary, SubmitButton, TextAreaField } from '~/ui/form';
import { notFound } from '~/utils/http.server';
// Members who joined with a phone number have an undeliverable placeholder address: never shown.
import { hasEmail } from '~/modules/auth/no-email';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.profile.name ?? 'Member'} · NOMI Workspace` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const viewer = user ? { id: user.id, role: user.role } : null;
  const profile = await getProfileView(viewer, params.id ?? '');
  if (!profile) return notFoundOrSignIn(request);
  const labels = await customTagLabels(await resolveLocale(request));
  let match: MatchReason[] | null = null;
  let blocked = false;
  let leadOrgs: { id: string; name: string }[] = [];
  if (user && profile.audience === 'member') {
    match = await explainMatch(user.id, profile);
    blocked = await hasBlocked(user.id, profile.id);
    leadOrgs = (await myOrgs(user.id)).filter((o) => o.role === 'lead' && !profile.orgs.some((p) => p.slug === o.slug));
  }
  const abilities = abilitiesFor(viewer, { id: profile.id, publicProfile: profile.publicProfile }, ['profile.edit', 'profile.contact']);
  return json({
    profile,
    abilities,
    labels,
    match,
    blocked,
    leadOrgs,
    signedIn: Boolean(user),
    viewerName: user?.name ?? null,
    completeness: profile.audience === 'self' ? completeness(profile) : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const targetId = params.id ?? '';
  const target = await getProfileView({ id: user.id, role: user.role }, targetId);
  if (!target) notFound();
  // Introduce, block, invite: all about contacting someone else, never oneself.
  authorize(user, 'profile.contact', { id: target.id, publicProfile: target.publicProfile });
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent === 'block' || intent === 'unblock') {
    if (intent === 'block') await block(user.id, targetId);
    else await unblock(user.id, targetId);
    return redirectWithFlash(request, `/members/${targetId}`, { key: intent === 'block' ? 'directory.contact.blocked' : 'directory.contact.unblocked' });
  }
  if (intent === 'invite') {
    const orgId = String(formData.get('orgId') ?? '').slice(0, 40);
    const result = await inviteToOrg(orgId, user, targetId);
    if (result === 'notFound') notFound();
    return redirectWithFlash(request, `/members/${targetId}`, { key: result === 'ok' ? 'directory.orgs.invited' : 'directory.orgs.alreadyMember', tone: result === 'ok' ? 'success' : 'info' });
  }
  const submission = parseWithZod(formData, { schema: IntroductionSchema });
  if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
  const result = await introduce({ id: user.id, name: user.name }, targetId, submission.value.message);
  if (!result.ok) {
    if (result.reason === 'notFound') notFound();
    const key = result.reason === 'blocked' ? 'directory.contact.cannotIntroduce' : result.reason === 'limited' ? 'directory.contact.limited' : 'directory.contact.self';
    return json(submission.reply({ formErrors: [key] }), { status: result.reason === 'limited' ? 429 : 403 });
  }
  return redirectWithFlash(request, `/conversations/${result.conversationId}`, { key: 'directory.contact.sent', values: { name: target.name } });
}

export default function MemberProfile() {
  const { t } = useTranslation();
  const { profile, abilities, labels, match, blocked, leadOrgs, signedIn, viewerName, completeness: done } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof IntroductionSchema>>({
    id: 'introduce',
    lastResult,
    shouldValidate: 'onSubmit',
  });
  const isSelf = abilities['profile.edit'];
  const isMember = abilities['profile.contact'];
  const canAskMentoring = isMember && profile.mentoring.open && !profile.mentoring.atCapacity;
  return (
    <article className="profile">
      <header className="profile__header">
        <Avatar name={profile.name} url={profile.photoUrl} size={96} />
        <div>
          <h1 dir="auto">{profile.name}</h1>
          {profile.headline ? (
            <p className="lead" dir="auto">
              {profile.headline}
            </p>
          ) : null}
          <p className="meta">
            {profile.city ? t(`common.cities.${profile.city}`) : null}
            {profile.city && profile.languages.length ? ' · ' : null}
            {profile.languages.length ? (
              <>
                {t('directory.profile.speaks')} <Languages codes={profile.languages} />
              </>
            ) : null}
          </p>
        </div>
      </header>

      {isSelf ? (
        <div className="notice notice--info">
          <p>{profile.publicProfile ? t('directory.profile.youArePublic') : t('directory.profile.youAreMembersOnly')}</p>
          {done && done.missing.length ? (
            <p>
              {t('directory.profile.completeness', { percent: done.percent })}{' '}
              {t('directory.profile.missing', { items: done.missing.map((m) => t(`directory.profile.items.${m}`)).join(', ') })}
            </p>
          ) : null}
          <p>
            <Link to="/settings/profile">{t('directory.profile.edit')}</Link>
          </p>
        </div>
      ) : null}

      {match && match.length ? (
        <section className="card match-box" aria-labelledby="why-title">
          <h2 id="why-title">{t('directory.profile.whyTitle')}</h2>
          <ReasonLine reasons={match} labels={labels} />
        </section>
      ) : null}

      {profile.bio ? (
        <section aria-labelledby="about-title">
          <h2 id="about-title">{t('directory.profile.about')}</h2>
          <p dir="auto" className="profile__bio">
            {profile.bio}
          </p>
        </section>
      ) : null}

      <section aria-labelledby="skills-title">
        <h2 id="skills-title">{t('directory.profile.offersTitle')}</h2>
        {profile.offers.length ? <TagChips tags={profile.offers} labels={labels} /> : <p className="meta">{t('directory.profile.none')}</p>}
        <h2>{t('directory.profile.needsTitle')}</h2>
        {profile.needs.length ? <TagChips tags={profile.needs} labels={labels} className="chips--need" /> : <p className="meta">{t('directory.profile.none')}</p>}
        {profile.themes.length ? (
          <>
            <h2>{t('directory.profile.themesTitle')}</h2>
            <ThemeChips themes={profile.themes} />
          </>
        ) : null}
      </section>

      {profile.mentoring.open ? (
        <section aria-labelledby="mentoring-title">
          <h2 id="mentoring-title">{t('directory.profile.mentoringTitle')}</h2>
          <p>{profile.mentoring.atCapacity ? t('directory.profile.mentoringFull') : t('directory.profile.mentoringOpen')}</p>
          <TagChips tags={profile.mentoring.areas} labels={labels} />
          {canAskMentoring ? (
            <p>
              <Link to={`/mentoring/new?mentor=${encodeURIComponent(profile.id)}`} className="button button--secondary">
                {t('directory.profile.askMentoring')}
              </Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {profile.orgs.length ? (
        <section aria-labelledby="orgs-title">
          <h2 id="orgs-title">{t('directory.profile.orgsTitle')}</h2>
          <ul>
            {profile.orgs.map((o) => (
              <li key={o.slug}>
                <Link to={`/orgs/${o.slug}`} dir="auto">
                  {o.name}
                </Link>{' '}
                <span className="meta">({t(`directory.orgs.roles.${o.role}`)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {hasEmail(profile.contact.email) || profile.contact.phone || profile.contact.whatsapp ? (
        <section aria-labelledby="contact-title">
          <h2 id="contact-title">{t('directory.profile.contactTitle')}</h2>
          <dl className="contact-list">
            {hasEmail(profile.contact.email) ? (
              <>
                <dt>{t('directory.profile.email')}</dt>
                <dd>
                  <a href={`mailto:${profile.contact.email}`} dir="ltr">
                    {profile.contact.email}
                  </a>
                </dd>
              </>
            ) : null}
            {profile.contact.phone ? (
              <>
                <dt>{t('directory.profile.phone')}</dt>
                <dd>
                  <a href={`tel:${profile.contact.phone}`} dir="ltr">
                    {profile.contact.phone}
                  </a>
                </dd>
              </>
            ) : null}
            {profile.contact.whatsapp ? (
              <>
                <dt>{t('directory.profile.whatsapp')}</dt>
                <dd>
                  <a
                    href={whatsappLink(profile.contact.whatsapp, t('directory.contact.whatsappText', { name: viewerName ?? '' }))}
                    className="button button--secondary"
                    rel="noopener noreferrer"
                    target="_blank"
                  >
                    {t('directory.contact.whatsappButton')}
                    <span className="visually-hidden"> {t('directory.contact.opensNewWindow')}</span>
                  </a>
                </dd>
              </>
            ) : null}
          </dl>
        </section>
      ) : null}

      {isMember ? (
        <section className="card" aria-labelledby="introduce-title">
          <h2 id="introduce-title">{t('directory.contact.introduceTitle', { name: profile.name })}</h2>
          {blocked ? (
            <p>{t('directory.contact.youBlocked')}</p>
          ) : (
            <>
              <ErrorSummary form={form} fields={fields} />
              <Form method="post" {...getFormProps(form)} className="form">
                <input type="hidden" name="intent" value="introduce" />
                <TextAreaField field={fields.message} label={t('directory.contact.message')} hint={t('directory.contact.messageHint')} rows={4} maxLength={1000} />
                <SubmitButton pending={navigation.state !== 'idle'}>{t('directory.contact.send')}</SubmitButton>
              </Form>
            </>
          )}
          {leadOrgs.length ? (
            <Form method="post" className="form inline-form">
              <input type="hidden" name="intent" value="invite" />
              <div className="field">
                <label htmlFor="invite-org" className="field__label">
                  {t('directory.orgs.inviteTo')}
                </label>
                <select id="invite-org" name="orgId" className="input">
                  {leadOrgs.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.name}
                    </option>
                  ))}
                </select>
              </div>
              <button type="submit" className="button button--secondary">
                {t('directory.orgs.invite')}
              </button>
            </Form>
          ) : null}
          <Form method="post" className="block-form">
            <input type="hidden" name="intent" value={blocked ? 'unblock' : 'block'} />
            <button type="submit" className="button button--link">
              {blocked ? t('directory.contact.unblock', { name: profile.name }) : t('directory.contact.block', { name: profile.name })}
            </button>
          </Form>
        </section>
      ) : null}
      {!signedIn ? (
        <p className="meta">
          <Link to={`/login?redirectTo=${encodeURIComponent(`/members/${profile.id}`)}`}>{t('directory.profile.signInToContact')}</Link>
        </p>
      ) : null}
    </article>
  );
}
