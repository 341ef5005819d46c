import { Form, useNavigation } from '@remix-run/react';
import { useTranslation } from '~/modules/i18n/react';
import { VoiceRecorder } from '~/ui/voice-recorder';
import { acceptFor } from '~/modules/uploads/types';
import { Money } from './bits';
import type { Report } from '../reports.server';

export type ReportProblems = { field: string; error: string; values?: Record<string, string | number> }[];

const MAX_PHOTOS = 3;
const BREAKDOWN_ROWS = 3;

interface Props {
  grant: { id: string; awarded: number; paid: number; budgetLines: { label: string; amount: number }[] };
  report: Report;
  result: unknown;
  problems: ReportProblems;
}

/**
 * The grantee's report form. Plain HTML (works without JavaScript); only the recorder needs scripts.
 * After a refused save the typed answers come back from the server, so nothing is lost — files have
 * to be chosen again (browsers never refill a file field), which the error summary says.
 */
export function ReportForm({ grant, report, result, problems }: Props) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const formErrors = (result as { error?: Record<string, string[] | null> } | undefined)?.error ?? {};
  const typed = (result as { initialValue?: Record<string, any> } | undefined)?.initialValue;
  const msg = (p: { error: string; values?: Record<string, string | number> }) =>
    t(p.error, { ...p.values, ...(typeof p.values?.message === 'string' ? { message: t(p.values.message) } : {}) });
  const errorFor = (field: string) =>
    [...problems.filter((p) => p.field === field || p.field.startsWith(`${field}.`)).map(msg), ...Object.entries(formErrors).filter(([k]) => k === field || k.startsWith(`${field}[`) || k.startsWith(`${field}.`)).flatMap(([, es]) => (es ?? []).map((e) => t(e)))].join(' ');
  const all = [...problems.map(msg), ...Object.values(formErrors).flatMap((es) => (es ?? []).map((e) => t(e)))];
  const val = (name: string, fallback: string) => (typed ? String(typed[name] ?? '') : fallback);
  const end = report.kind === 'end';
  const photos = report.files.filter((f) => f.kind === 'photo');
  const receipts = report.files.filter((f) => f.kind === 'receipt');
  const spentOf = (i: number) => report.spend.find((s) => s.line === i)?.spent;
  const base = `/funds/grants/${grant.id}/reports/${report.kind}/files`;

  const Err = ({ field }: { field: string }) =>
    errorFor(field) ? (
      <p className="field__error" id={`${field}-error`}>
        {errorFor(field)}
      </p>
    ) : null;
  const describe = (field: string, hint?: boolean) => [hint ? `${field}-hint` : null, errorFor(field) ? `${field}-error` : null].filter(Boolean).join(' ') || undefined;
  const area = (name: keyof Report & string, label: string, hint?: string, rows = 4, max = 4000) => (
    <div className={`field${errorFor(name) ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={name}>
        {label}
      </label>
      {hint ? (
        <p className="field__hint" id={`${name}-hint`}>
          {hint}
        </p>
      ) : null}
      <textarea id={name} name={name} className="input" rows={rows} maxLength={max} dir="auto" aria-describedby={describe(name, !!hint)} aria-invalid={!!errorFor(name) || undefined} defaultValue={val(name, String(report[name] ?? ''))} />
      <Err field={name} />
    </div>
  );

  return (
    <>
      {all.length ? (
        <div className="error-summary" role="alert" tabIndex={-1}>
          <h2 className="h3">{t('funding.reports.problems')}</h2>
          <ul>
            {all.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
          <p>{t('funding.reports.chooseFilesAgain')}</p>
        </div>
      ) : null}
      <p>{t(end ? 'funding.reports.leadEnd' : 'funding.reports.leadMid')}</p>
      <Form method="post" encType="multipart/form-data" className="form" noValidate>
        {end ? (
          <fieldset className="field fieldset fund-early">
            <legend className="field__label">{t('funding.reports.earlyTitle')}</legend>
            <label className="checkbox">
              <input type="checkbox" name="stoppedEarly" defaultChecked={typed ? typed.stoppedEarly === 'on' : report.stoppedEarly} />
              <span>{t('funding.reports.stoppedEarly')}</span>
            </label>
            <p className="field__hint">{t('funding.reports.stoppedEarlyHint')}</p>
            {area('learned', t('funding.reports.learned'), t('funding.reports.learnedHint'))}
          </fieldset>
        ) : null}

        <fieldset className={`field fieldset${errorFor('happened') ? ' field--error' : ''}`}>
          <legend className="field__label">{t('funding.reports.happened')}</legend>
          <p className="field__hint" id="happened-hint">
            {t('funding.reports.happenedHint')}
          </p>
          <Err field="happened" />
          <label className="field__label" htmlFor="happened">
            {t('funding.reports.write')}
          </label>
          <textarea id="happened" name="happened" className="input" rows={6} maxLength={4000} dir="auto" aria-describedby={describe('happened', true)} defaultValue={val('happened', report.happened)} />
          {report.media ? (
            <div className="card">
              {/* A member's own voice note: no caption track exists; the written answer sits next to it. */}
              {/* eslint-disable-next-line jsx-a11y/media-has-caption */}
              <audio controls preload="none" src={`${base}/recording`}>
                <a href={`${base}/recording`}>{t('funding.reports.listen')}</a>
              </audio>
              <label className="checkbox">
                <input type="checkbox" name="removeMedia" />
                <span>{t('funding.reports.removeRecording')}</span>
              </label>
            </div>
          ) : null}
          <label className="field__label" htmlFor="media">
            {t('funding.reports.orRecord')}
          </label>
          <VoiceRecorder inputId="media" name="media" invalid={!!errorFor('happened')} describedBy="happened-hint" />
        </fieldset>

        <div className={`field${errorFor('peopleReached') ? ' field--error' : ''}`}>
          <label className="field__label" htmlFor="peopleReached">
            {t('funding.reports.peopleReached')}
          </label>
          <input id="peopleReached" name="peopleReached" className="input input--short" inputMode="numeric" aria-describedby={describe('peopleReached')} defaultValue={val('peopleReached', report.peopleReached === null ? '' : String(report.peopleReached))} />
          <Err field="peopleReached" />
        </div>
        <fieldset className={`field fieldset${errorFor('breakdown') || errorFor('breakdownConsent') ? ' field--error' : ''}`}>
          <legend className="field__label">{t('funding.reports.breakdown')}</legend>
          <p className="field__hint">{t('funding.reports.breakdownHint')}</p>
          <Err field="breakdown" />
          {Array.from({ length: BREAKDOWN_ROWS }, (_, i) => {
            const b = report.breakdown[i];
            return (
              <div key={i} className="fund-row">
                <label className="field__label" htmlFor={`breakdown-${i}`}>
                  {t('funding.reports.group', { n: i + 1 })}
                </label>
                <input id={`breakdown-${i}`} name={`breakdown[${i}].label`} className="input" maxLength={80} dir="auto" defaultValue={typed ? String(typed.breakdown?.[i]?.label ?? '') : (b?.label ?? '')} />
                <label className="field__label" htmlFor={`breakdown-c-${i}`}>
                  {t('funding.reports.groupCount', { n: i + 1 })}
                </label>
                <input id={`breakdown-c-${i}`} name={`breakdown[${i}].count`} className="input input--short" inputMode="numeric" defaultValue={typed ? String(typed.breakdown?.[i]?.count ?? '') : b ? String(b.count) : ''} />
              </div>
            );
          })}
          <label className="checkbox">
            <input type="checkbox" name="breakdownConsent" defaultChecked={typed ? typed.breakdownConsent === 'on' : report.breakdownConsent} aria-describedby={describe('breakdownConsent')} />
            <span>{t('funding.reports.breakdownConsent')}</span>
          </label>
          <Err field="breakdownConsent" />
        </fieldset>

        {area('changeMade', t('funding.reports.change'), t('funding.reports.changeHint'), 3, 1000)}
        {area('quote', t('funding.reports.quote'), t('funding.reports.quoteHint'), 2, 500)}

        <fieldset className={`field fieldset${errorFor('spend') ? ' field--error' : ''}`}>
          <legend className="field__label">{t('funding.reports.spend')}</legend>
          <p className="field__hint">
            {t('funding.reports.spendHint')} <Money value={grant.paid} />
          </p>
          <Err field="spend" />
          {grant.budgetLines.map((l, i) => (
            <div key={i} className="field">
              <label className="field__label" htmlFor={`spend-${i}`}>
                <bdi>{l.label}</bdi> ({t('funding.reports.budgeted')} <Money value={l.amount} />)
              </label>
              <input id={`spend-${i}`} name={`spend[${i}]`} className="input input--short" inputMode="numeric" defaultValue={typed ? String(typed.spend?.[i] ?? '') : String(spentOf(i) ?? '')} />
            </div>
          ))}
          <div className={`field${errorFor('receipts') ? ' field--error' : ''}`}>
            <label className="field__label" htmlFor="receipts">
              {t('funding.reports.receipts')}
            </label>
            <p className="field__hint" id="receipts-hint">
              {t('funding.reports.receiptsHint')}
            </p>
            <FileList files={receipts} base={base} />
            <input id="receipts" name="receipts" type="file" multiple className="input" accept={acceptFor('images', 'pdf')} aria-describedby={describe('receipts', true)} />
            <Err field="receipts" />
          </div>
        </fieldset>

        <fieldset className={`field fieldset${errorFor('photos') ? ' field--error' : ''}`}>
          <legend className="field__label">{t('funding.reports.photos')}</legend>
          <p className="field__hint" id="photos-hint">
            {t('funding.reports.photosHint', { max: MAX_PHOTOS })}
          </p>
          <Err field="photos" />
          <FileList files={photos} base={base} photos />
          {Array.from({ length: Math.max(0, MAX_PHOTOS - photos.length) }, (_, i) => (
            <div key={i} className="fund-row">
              <label className="field__label" htmlFor={`photo-${i}`}>
                {t('funding.reports.photo', { n: photos.length + i + 1 })}
              </label>
              <input id={`photo-${i}`} name={`photo.${i}`} type="file" className="input" accept={acceptFor('images')} aria-describedby={describe('photos', true)} />
              <label className="field__label" htmlFor={`caption-${i}`}>
                {t('funding.reports.caption', { n: photos.length + i + 1 })}
              </label>
              <input id={`caption-${i}`} name={`caption[${i}]`} className="input" maxLength={200} dir="auto" />
            </div>
          ))}
          <label className="checkbox">
            <input type="checkbox" name="photoConsent" />
            <span>{t('funding.reports.photoConsent')}</span>
          </label>
        </fieldset>

        {area('didNotWork', t('funding.reports.didNotWork'), t(end ? 'funding.reports.didNotWorkHintEnd' : 'funding.reports.didNotWorkHint'))}

        <div className="button-row">
          <button type="submit" name="intent" value="save" className="button button--secondary" aria-disabled={navigation.state !== 'idle' || undefined}>
            {t('funding.reports.saveDraft')}
          </button>
          <button type="submit" name="intent" value="submit" className="button" aria-disabled={navigation.state !== 'idle' || undefined}>
            {t('funding.reports.submit')}
          </button>
        </div>
      </Form>
    </>
  );
}

/** Files already in the report, each with a "remove" tick (saved with the form). */
function FileList({ files, base, photos }: { files: Report['files']; base: string; photos?: boolean }) {
  const { t } = useTranslation();
  if (!files.length) return null;
  return (
    <ul className={photos ? 'fund-photos' : 'fund-files'}>
      {files.map((f, i) => (
        <li key={f.id}>
          {photos ? (
            <img src={`${base}/${f.id}?thumb=1`} alt={f.caption || t('funding.reports.photo', { n: i + 1 })} width={160} loading="lazy" />
          ) : (
            <a href={`${base}/${f.id}`}>
              <bdi>{f.name}</bdi>
            </a>
          )}
          <label className="checkbox">
            <input type="checkbox" name="removeFile" value={f.id} />
            <span>{t('funding.reports.removeFile', { name: f.caption || f.name })}</span>
          </label>
        </li>
      ))}
    </ul>
  );
}
