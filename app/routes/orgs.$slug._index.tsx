import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import type { z } from 'zod';
import { useTranslation } from '~/modules/i18n/react';
import { getUser, notFoundOrSignIn, requireUser } from '~/modules/auth/session.server';
import { abilitiesFor } from '~/policies';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { GrantSchema } from '~/modules/directory/directory.schema.server';
import { addGrant, getOrgView, orgBySlug, removeGrant, removeMember, respondToInvite, setMemberRole } from '~/modules/directory/orgs.server';
import { customTagLabels } from '~/modules/directory/tags.server';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { TagChips, ThemeChips } from '~/modules/directory/components/directory-ui';
import { ErrorSummary, SubmitButton, TextAreaField, TextField } from '~/ui/form';
import { useFormat } from '~/utils/format';
import { badRequest, notFound } from '~/utils/http.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.org.name ?? 'Organisation'} · NOMI Workspace` }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await getUser(request);
  const org = await getOrgView(user ? { id: user.id, role: user.role } : null, params.slug ?? '');
  if (!org) return notFoundOrSignIn(request);
  const abilities = abilitiesFor(user, { publicListing: org.publicListing, role: org.viewerRole }, ['org.manage', 'org.leave']);
  return json({ org, abilities, labels: await customTagLabels(await resolveLocale(request)), signedIn: Boolean(user), me: user?.id ?? null });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const org = await orgBySlug(params.slug ?? '');
  if (!org) return notFoundOrSignIn(request);
  const back = `/orgs/${org.slug}`;
  const formData = await request.formData();
  const intent = String(formData.get('intent') ?? '');
  const userId = String(formData.get('userId') ?? '').slice(0, 40);
  // The module authorizes each write (org.manage / org.leave); what is left is "no such person or grant".
  const deny = (r: string) => {
    if (r === 'notFound') notFound();
  };
  switch (intent) {
    case 'accept':
    case 'decline': {
      if (!(await respondToInvite(org.id, user.id, intent === 'accept'))) notFound();
      return redirectWithFlash(request, intent === 'accept' ? back : '/orgs', { key: intent === 'accept' ? 'directory.orgs.joined' : 'directory.orgs.declined' });
    }
    case 'leave':
    case 'remove': {
      const r = await removeMember(org.id, user, intent === 'leave' ? user.id : userId);
      deny(r);
      if (r === 'invalid') return redirectWithFlash(request, back, { key: 'directory.orgs.lastLead', tone: 'warning' });
      return redirectWithFlash(request, intent === 'leave' ? '/orgs' : back, { key: intent === 'leave' ? 'directory.orgs.left' : 'directory.orgs.removed' });
    }
    case 'role': {
      const role = formData.get('role') === 'lead' ? 'lead' : 'member';
      const r = await setMemberRole(org.id, user, userId, role);
      deny(r);
      if (r === 'invalid') return redirectWithFlash(request, back, { key: 'directory.orgs.lastLead', tone: 'warning' });
      return redirectWithFlash(request, back, { key: 'directory.orgs.roleChanged' });
    }
    case 'remove-grant': {
      deny(await removeGrant(org.id, user, String(formData.get('grantId') ?? '').slice(0, 40)));
      return redirectWithFlash(request, back, { key: 'directory.orgs.grants.removed' });
    }
    case 'grant': {
      const submission = parseWithZod(formData, { schema: GrantSchema });
      if (submission.status !== 'success') return json(submission.reply(), { status: 400 });
      deny(await addGrant(org.id, user, submission.value));
      return redirectWithFlash(request, back, { key: 'directory.orgs.grants.added' });
    }
    default:
      badRequest();
  }
}

export default function OrgPage() {
  const { t } = useTranslation();
  const format = useFormat();
  const { org, abilities, labels, signedIn, me } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const [grantForm, grantFields] = useForm<z.input<typeof GrantSchema>>({
    id: 'grant',
    lastResult,
    shouldValidate: 'onSubmit',
  });
  const isLead = abilities['org.manage'];
  return (
    <article className="org">
      <div className="page-header">
        <h1 dir="auto">{org.name}</h1>
        <p className="meta">
          {t(`directory.legalForms.${org.legalForm}`)}
          {org.city ? ` · ${t(`common.cities.${org.city}`)}` : ''}
          {org.yearStarted ? ` · ${t('directory.orgs.since', { year: org.yearStarted })}` : ''}
        </p>
        {isLead ? (
          <p>
            <Link to={`/orgs/${org.slug}/edit`} className="button button--secondary">
              {t('directory.orgs.edit')}
            </Link>{' '}
            <Link to={`/members/matches?for=${encodeURIComponent(org.id)}`}>{t('directory.orgs.findPartners')}</Link>
          </p>
        ) : null}
      </div>

      {org.invited ? (
        <div className="notice notice--info">
          <p>{t('directory.orgs.youAreInvited')}</p>
          <Form method="post" className="button-row">
            <button type="submit" name="intent" value="accept" className="button">
              {t('directory.orgs.accept')}
            </button>
            <button type="submit" name="intent" value="decline" className="button button--secondary">
              {t('directory.orgs.decline')}
            </button>
          </Form>
        </div>
      ) : null}

      {org.description ? (
        <p dir="auto" className="profile__bio">
          {org.description}
        </p>
      ) : null}

      <dl className="contact-list">
        {org.registrationNumber ? (
          <>
            <dt>{t('directory.orgs.fields.registrationNumber')}</dt>
            <dd dir="ltr">{org.registrationNumber}</dd>
          </>
        ) : null}
        {org.host ? (
          <>
            <dt>{t('directory.orgs.hostedBy')}</dt>
            <dd dir="auto">{'slug' in org.host ? <Link to={`/orgs/${org.host.slug}`}>{org.host.name}</Link> : org.host.name}</dd>
          </>
        ) : null}
        {org.website ? (
          <>
            <dt>{t('directory.orgs.fields.website')}</dt>
            <dd>
              <a href={org.website} rel="noopener noreferrer nofollow" dir="ltr">
                {org.website}
              </a>
            </dd>
          </>
        ) : null}
        {org.socialLinks.length ? (
          <>
            <dt>{t('directory.orgs.fields.socialLinks')}</dt>
            <dd>
              <ul className="list-plain">
                {org.socialLinks.map((l) => (
                  <li key={l}>
                    <a href={l} rel="noopener noreferrer nofollow" dir="ltr">
                      {l}
                    </a>
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
      </dl>

      {org.themes.length ? (
        <>
          <h2>{t('directory.profile.themesTitle')}</h2>
          <ThemeChips themes={org.themes} />
        </>
      ) : null}
      {org.offers.length ? (
        <>
          <h2>{t('directory.orgs.fields.offers')}</h2>
          <TagChips tags={org.offers} labels={labels} />
        </>
      ) : null}
      {org.needs.length ? (
        <>
          <h2>{t('directory.orgs.fields.needs')}</h2>
          <TagChips tags={org.needs} labels={labels} className="chips--need" />
        </>
      ) : null}

      <section aria-labelledby="grants-title">
        <h2 id="grants-title">{t('directory.orgs.grants.title')}</h2>
        {org.grants.length ? (
          <div className="table-wrap">
            <table>
              <caption className="visually-hidden">{t('directory.orgs.grants.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('directory.orgs.grants.funder')}</th>
                  <th scope="col">{t('directory.orgs.grants.amount')}</th>
                  <th scope="col">{t('directory.orgs.grants.year')}</th>
                  <th scope="col">{t('directory.orgs.grants.purpose')}</th>
                  {isLead ? (
                    <th scope="col">
                      <span className="visually-hidden">{t('common.actions')}</span>
                    </th>
                  ) : null}
                </tr>
              </thead>
              <tbody>
                {org.grants.map((g) => (
                  <tr key={g.id}>
                    <td dir="auto">{g.funder}</td>
                    <td>{g.amount !== null ? `£${format.number(g.amount)}` : '—'}</td>
                    <td>{g.year ?? '—'}</td>
                    <td dir="auto">{g.purpose}</td>
                    {isLead ? (
                      <td>
                        <Form method="post">
                          <input type="hidden" name="grantId" value={g.id} />
                          <button type="submit" name="intent" value="remove-grant" className="button button--link">
                            {t('directory.orgs.grants.remove')}
                            <span className="visually-hidden"> {g.funder}</span>
                          </button>
                        </Form>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="meta">{t('directory.orgs.grants.none')}</p>
        )}
        {isLead ? (
          <div className="card">
            <h3>{t('directory.orgs.grants.add')}</h3>
            <ErrorSummary form={grantForm} fields={grantFields} />
            <Form method="post" {...getFormProps(grantForm)} className="form">
              <input type="hidden" name="intent" value="grant" />
              <TextField field={grantFields.funder} label={t('directory.orgs.grants.funder')} maxLength={120} dir="auto" />
              <TextField field={grantFields.amount} label={t('directory.orgs.grants.amountPounds')} optional inputMode="numeric" />
              <TextField field={grantFields.year} label={t('directory.orgs.grants.year')} optional inputMode="numeric" maxLength={4} />
              <TextAreaField field={grantFields.purpose} label={t('directory.orgs.grants.purpose')} optional rows={2} />
              <SubmitButton pending={navigation.state !== 'idle'}>{t('directory.orgs.grants.addSubmit')}</SubmitButton>
            </Form>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="people-title">
        <h2 id="people-title">{t('directory.orgs.people')}</h2>
        {org.members.length ? (
          <ul className="list-plain list-rows">
            {org.members.map((m) => (
              <li key={m.id} className="org-member">
                <span>
                  <Link to={`/members/${m.id}`} dir="auto">
                    {m.name}
                  </Link>{' '}
                  <span className="meta">({t(`directory.orgs.roles.${m.role}`)})</span>
                </span>
                {isLead && m.id !== me ? (
                  <Form method="post" className="button-row">
                    <input type="hidden" name="userId" value={m.id} />
                    <input type="hidden" name="role" value={m.role === 'lead' ? 'member' : 'lead'} />
                    <button type="submit" name="intent" value="role" className="button button--link">
                      {m.role === 'lead' ? t('directory.orgs.makeMember', { name: m.name }) : t('directory.orgs.makeLead', { name: m.name })}
                    </button>
                    <button type="submit" name="intent" value="remove" className="button button--link">
                      {t('directory.orgs.remove', { name: m.name })}
                    </button>
                  </Form>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="meta">{t('directory.orgs.noPublicPeople')}</p>
        )}
        {isLead ? <p className="meta">{t('directory.orgs.inviteHint')}</p> : null}
        {abilities['org.leave'] ? (
          <Form method="post">
            <button type="submit" name="intent" value="leave" className="button button--secondary">
              {t('directory.orgs.leave')}
            </button>
          </Form>
        ) : null}
      </section>
      {!signedIn ? (
        <p className="meta">
          <Link to="/projects">{t('directory.public.back')}</Link>
        </p>
      ) : null}
    </article>
  );
}
