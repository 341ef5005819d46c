import { renderPdf, textBlock } from '~/modules/pdf/pdf.server';
import type { RegisterTally } from './register-entry';
import { listDecisions, toCsv } from './records.server';

type Decision = Awaited<ReturnType<typeof listDecisions>>[number];

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A one-line summary of a stored tally (numbers only, never who voted what). */
export function tallySummary(r: RegisterTally): string {
  switch (r.kind) {
    case 'ordinary':
    case 'special':
    case 'written':
      return `for ${r.counts.for}, against ${r.counts.against}, abstain ${r.counts.abstain}`;
    case 'consent':
      return `consent ${r.counts.consent}, object ${r.counts.object}, abstain ${r.counts.abstain}`;
    case 'advice':
      return `agree ${r.counts.agree}, disagree ${r.counts.disagree}, abstain ${r.counts.abstain}, block ${r.counts.block}`;
    case 'poll':
      return Object.values(r.counts).join(' / ');
    case 'election':
      return `quota ${r.stv.quota}, ${r.stv.stages.length} stages`;
    case 'fund_vote':
      return `approvals ${Object.entries(r.counts)
        .map(([project, n]) => `${project} ${n}`)
        .join(' / ')}; funded ${r.funded.join(' / ') || 'none'}`;
  }
}

export async function decisionsCsv(): Promise<string> {
  const rows = await listDecisions();
  return toCsv(
    ['number', 'date', 'kind', 'title', 'text', 'electorate', 'turnout', 'tally', 'quorate', 'outcome', 'outcome statement', 'correction', 'corrects', 'supersedes'],
    rows.map((d) => [d.number, iso(d.decided_at), d.kind, d.title, d.text, d.electorate, d.turnout, tallySummary(d.tally), d.quorate ? 'yes' : 'no', d.outcome, d.corrects ? '' : (d.outcome_statement ?? ''), d.statement, d.corrects ?? '', d.supersedes ?? '']),
  );
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The same summary in the reader's language, for the printed minutes. */
export function localTallySummary(r: RegisterTally, t: Translate): string {
  const counts = (c: Record<string, number>) =>
    Object.entries(c)
      .map(([choice, n]) => `${t(`governance.choices.${choice}`)} ${n}`)
      .join(', ');
  switch (r.kind) {
    case 'ordinary':
    case 'special':
    case 'written':
    case 'consent':
    case 'advice':
      return counts(r.counts as unknown as Record<string, number>);
    case 'poll':
      return Object.values(r.counts).join(' / ');
    case 'election':
      return t('governance.stv.summary', { seats: r.stv.seats, valid: r.stv.validBallots, quota: r.stv.quota });
    case 'fund_vote':
      return t('governance.fundAwards.summary', {
        approvals: Object.entries(r.counts)
          .map(([project, n]) => `${project} ${n}`)
          .join(' / '),
        funded: r.funded.length ? r.funded.join(' / ') : t('governance.fundAwards.none'),
      });
  }
}

/**
 * Minutes of the decision register as a PDF, in the reader's language, through the shared PDF module
 * (~/modules/pdf): Noto Sans and Noto Naskh Arabic embedded, so titles and texts in Arabic, Farsi or
 * Urdu print shaped, in reading order and right-aligned; each line takes its direction from its own
 * first strong letter. No file outside the bundled fonts is read and no URL is fetched.
 */
export async function decisionsPdf(t: Translate): Promise<Buffer> {
  const rows = await listDecisions();
  const title = t('governance.decisions.title');
  const content: unknown[] = [textBlock(title, { style: 'h1' })];
  for (const d of rows) {
    const facts = [
      iso(d.decided_at),
      t(`governance.kinds.${d.kind}`),
      t(`governance.outcomes.${d.outcome}`),
      ...(d.corrects ? [t('governance.decisions.corrects', { number: d.corrects })] : []),
      ...(d.supersedes ? [t('governance.decisions.supersedes', { number: d.supersedes })] : []),
    ];
    const figures = [
      t('governance.decisions.electorate', { count: d.electorate }),
      t('governance.decisions.turnout', { count: d.turnout }),
      d.quorate ? t('governance.decisions.quorate') : t('governance.outcomes.not_quorate'),
      localTallySummary(d.tally, t),
    ];
    content.push(
      textBlock(`${d.number}. ${d.title}`, { style: 'h2' }),
      textBlock(facts.join(' · ')),
      textBlock(d.text, { margin: [0, 4, 0, 4] }),
      textBlock(figures.join(' · '), { fontSize: 9 }),
      ...(d.outcome_statement && !d.corrects ? [textBlock(d.outcome_statement, { italics: true, margin: [0, 4, 0, 0] })] : []),
      ...(d.statement ? [textBlock(d.statement, { italics: true, margin: [0, 4, 0, 0] })] : []),
    );
  }
  return renderPdf({
    info: { title, creator: 'NOMI Workspace', producer: 'NOMI Workspace' },
    content,
    defaultStyle: { fontSize: 10 },
    styles: { h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] }, h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 2] } },
  });
}

export type { Decision };
