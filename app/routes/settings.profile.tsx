import { json, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { useForm, getFormProps, getInputProps, type FieldMetadata } from '@conform-to/react';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { useTranslation } from '~/modules/i18n/react';
import { requireUser } from '~/modules/auth/session.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import { ProfileSchema } from '~/modules/directory/directory.schema.server';
import { completeness, getOwnProfile, saveProfile } from '~/modules/directory/profiles.server';
import { listTags } from '~/modules/directory/tags.server';
import { resolveLocale } from '~/modules/i18n/i18next.server';
import { parsePhotoForm, removePhoto, savePhoto } from '~/modules/directory/photo.server';
import { PHOTO_MAX_BYTES } from '~/modules/uploads/types';
import { THEMES, VISIBILITIES } from '~/modules/directory/themes';
import { tagLabel } from '~/modules/directory/reasons';
import { Avatar } from '~/modules/directory/components/directory-ui';
import { CITIES, SPOKEN_LANGUAGES, languageName } from '~/modules/members/reference';
import { CheckboxesField, ErrorSummary, SelectField, SubmitButton, TextAreaField, TextField, useErrorText } from '~/ui/form';
import { notFound } from '~/utils/http.server';

export const meta: MetaFunction = () => [{ title: 'Your profile · NOMI Workspace' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const profile = await getOwnProfile(user.id);
  if (!profile) notFound();
  return json({ userId: user.id, name: user.name, profile, tags: await listTags(await resolveLocale(request)), done: completeness(profile) });
}

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const { problem, bytes } = await parsePhotoForm(request);
    const saved = problem ?? (await savePhoto(user.id, bytes!));
    if (saved) return json({ intent: 'photo' as const, photoError: `directory.photo.${saved}` }, { status: saved === 'tooLarge' ? 413 : 400 });
    return redirectWithFlash(request, '/settings/profile', { key: 'directory.photo.saved' });
  }
  const formData = await request.formData();
  if (formData.get('intent') === 'remove-photo') {
    await removePhoto(user.id);
    return redirectWithFlash(request, '/settings/profile', { key: 'directory.photo.removed' });
  }
  const submission = parseWithZod(formData, { schema: ProfileSchema });
  if (submission.status !== 'success') return json({ intent: 'profile' as const, result: submission.reply() }, { status: 400 });
  const saved = await saveProfile(user.id, submission.value);
  if (!saved.ok) {
    const fieldErrors: Record<string, string[]> = {};
    for (const p of saved.problems) fieldErrors[p.field] = [p.key];
    return json({ intent: 'profile' as const, result: submission.reply({ fieldErrors }) }, { status: 400 });
  }
  return redirectWithFlash(request, '/settings/profile', { key: 'directory.profile.saved' });
}

function Checkbox({ field, label, hint }: { field: FieldMetadata<any, any, string[]>; label: string; hint?: string }) {
  const props = getInputProps(field, { type: 'checkbox', ariaDescribedBy: hint ? `${field.id}-hint` : undefined });
  return (
    <div className="field">
      <label className="checkbox">
        <input {...props} key={props.key} />
        <span>{label}</span>
      </label>
      {hint ? (
        <p id={`${field.id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

export default function ProfileSettings() {
  const { t, i18n } = useTranslation();
  const { userId, name, profile, tags, done } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const errorText = useErrorText();
  const [form, fields] = useForm<Record<string, any>>({
    id: 'profile',
    lastResult: actionData && 'result' in actionData ? actionData.result : undefined,
    defaultValue: {
      ...profile,
      mentoringOpen: profile.mentoringOpen ? 'on' : undefined,
      mentoringAtCapacity: profile.mentoringAtCapacity ? 'on' : undefined,
      publicProfile: profile.publicProfile ? 'on' : undefined,
      matchingOptOut: profile.matchingOptOut ? 'on' : undefined,
    },
    shouldValidate: 'onSubmit',
  });
  const tagOptions = tags.map((tg) => ({ value: tg.slug, label: tagLabel(t, tg.slug, tg.label ? { [tg.slug]: tg.label } : undefined) }));
  const visibilityOptions = VISIBILITIES.map((v) => ({ value: v, label: t(`directory.visibility.${v}`) }));
  const photoError = actionData && 'photoError' in actionData ? errorText([actionData.photoError]) : undefined;
  return (
    <div className="stack">
      <section className="card" aria-labelledby="completeness-title">
        <h2 id="completeness-title">{t('directory.profile.completenessTitle')}</h2>
        <p>
          <progress max={100} value={done.percent} aria-labelledby="completeness-title" /> {t('directory.profile.completeness', { percent: done.percent })}
        </p>
        {done.missing.length ? (
          <p>{t('directory.profile.missing', { items: done.missing.map((m) => t(`directory.profile.items.${m}`)).join(', ') })}</p>
        ) : (
          <p>{t('directory.profile.completeDone')}</p>
        )}
        <p>
          <Link to={`/members/${userId}`}>{t('directory.profile.view')}</Link>
        </p>
      </section>

      <section className="card" aria-labelledby="photo-title">
        <h2 id="photo-title">{t('directory.photo.title')}</h2>
        <Avatar name={name} url={profile.photoUrl} size={96} />
        <Form method="post" encType="multipart/form-data" className="form" aria-labelledby="photo-title">
          <div className={`field${photoError ? ' field--error' : ''}`}>
            <label htmlFor="photo" className="field__label">
              {t('directory.photo.label')}
            </label>
            <p id="photo-hint" className="field__hint">
              {t('directory.photo.hint', { mb: PHOTO_MAX_BYTES / 1024 / 1024 })}
            </p>
            {photoError ? (
              <p id="photo-error" className="field__error">
                {photoError}
              </p>
            ) : null}
            <input
              id="photo"
              name="photo"
              type="file"
              accept="image/jpeg,image/png,image/webp,image/heic,image/avif,image/gif"
              className="input"
              aria-describedby={photoError ? 'photo-hint photo-error' : 'photo-hint'}
              aria-invalid={photoError ? true : undefined}
            />
          </div>
          <p className="button-row">
            <button type="submit" className="button">
              {t('directory.photo.upload')}
            </button>
          </p>
        </Form>
        {profile.hasPhoto ? (
          <Form method="post">
            <input type="hidden" name="intent" value="remove-photo" />
            <button type="submit" className="button button--secondary">
              {t('directory.photo.remove')}
            </button>
          </Form>
        ) : null}
      </section>

      <section className="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t('directory.profile.formTitle')}</h2>
        <ErrorSummary form={form} fields={fields} />
        <Form method="post" {...getFormProps(form)} className="form">
          <input type="hidden" name="intent" value="profile" />
          <TextField field={fields.headline} label={t('directory.profile.headline')} hint={t('directory.profile.headlineHint')} optional maxLength={120} dir="auto" />
          <TextAreaField field={fields.bio} label={t('directory.profile.bio')} hint={t('directory.profile.bioHint')} optional />
          <SelectField
            field={fields.city}
            label={t('directory.profile.city')}
            optional
            options={[{ value: '', label: t('common.form.choose') }, ...CITIES.map((c) => ({ value: c, label: t(`common.cities.${c}`) }))]}
          />
          <CheckboxesField field={fields.languages} legend={t('directory.profile.languages')} options={SPOKEN_LANGUAGES.map((c) => ({ value: c, label: languageName(c, i18n.language) }))} />
          <CheckboxesField field={fields.offers} legend={t('directory.profile.offers')} hint={t('directory.profile.offersHint')} options={tagOptions} />
          <TextField field={fields.newOffers} label={t('directory.profile.newOffers')} hint={t('directory.profile.newTagsHint')} optional dir="auto" />
          <CheckboxesField field={fields.needs} legend={t('directory.profile.needs')} hint={t('directory.profile.needsHint')} options={tagOptions} />
          <TextField field={fields.newNeeds} label={t('directory.profile.newNeeds')} hint={t('directory.profile.newTagsHint')} optional dir="auto" />
          <CheckboxesField field={fields.themes} legend={t('directory.profile.themes')} options={THEMES.map((c) => ({ value: c, label: t(`directory.themes.${c}`) }))} />

          <fieldset className="fieldset stack">
            <legend className="field__label">{t('directory.profile.mentoringTitle')}</legend>
            <Checkbox field={fields.mentoringOpen} label={t('directory.profile.mentoringOpenLabel')} />
            <Checkbox field={fields.mentoringAtCapacity} label={t('directory.profile.mentoringAtCapacityLabel')} hint={t('directory.profile.mentoringAtCapacityHint')} />
            <CheckboxesField field={fields.mentoringAreas} legend={t('directory.profile.mentoringAreas')} options={tagOptions} />
          </fieldset>

          <fieldset className="fieldset stack">
            <legend className="field__label">{t('directory.profile.contactTitle')}</legend>
            <p className="field__hint">{t('directory.profile.contactHint')}</p>
            <SelectField field={fields.emailVisibility} label={t('directory.profile.emailVisibility')} options={visibilityOptions} />
            <TextField field={fields.phone} label={t('directory.profile.phone')} hint={t('directory.profile.phoneHint')} type="tel" autoComplete="tel" optional dir="ltr" />
            <SelectField field={fields.phoneVisibility} label={t('directory.profile.phoneVisibility')} options={visibilityOptions} />
            <TextField field={fields.whatsapp} label={t('directory.profile.whatsapp')} hint={t('directory.profile.phoneHint')} type="tel" optional dir="ltr" />
            <SelectField field={fields.whatsappVisibility} label={t('directory.profile.whatsappVisibility')} options={visibilityOptions} />
          </fieldset>

          <fieldset className="fieldset stack">
            <legend className="field__label">{t('directory.profile.privacyTitle')}</legend>
            <Checkbox field={fields.publicProfile} label={t('directory.profile.publicProfile')} hint={t('directory.profile.publicProfileHint')} />
            <Checkbox field={fields.matchingOptOut} label={t('directory.profile.matchingOptOut')} hint={t('directory.profile.matchingOptOutHint')} />
          </fieldset>
          <SubmitButton pending={navigation.state !== 'idle'}>{t('directory.profile.save')}</SubmitButton>
        </Form>
      </section>
    </div>
  );
}
