/**
 * The proposal page's form intents (vote, proxy vote, receipt check, comment, amend, re-open, attach,
 * close early, extend, record the outcome): each reads its form, validates it and calls the module
 * function, which authorizes the member through the policy layer. The route only dispatches by intent
 * and turns a GovernanceError into the message next to the form's field.
 */
import { json } from '@remix-run/node';
import type { SessionUser } from '~/modules/auth/session.server';
import { parseWithZod } from '~/utils/parse-with-zod.server';
import { redirectWithFlash } from '~/modules/flash/flash.server';
import type { PendingUpload } from '~/modules/uploads/uploads.server';
import { DAY } from './dates';
import { GovernanceError } from './errors';
import { amendProposal, closeEarly, extendProposal, recordOutcome, reopenConsent } from './proposal-lifecycle.server';
import { castVote, checkReceipt, type VoteInput } from './proposal-voting.server';
import { parseOptions, type Proposal } from './proposal-read.server';
import { addComment, proxyVotersFor } from './participation.server';
import { isFormToken } from './ballot-box.server';
import { attachToProposal } from './attachments.server';
import { AmendSchema, CommentSchema, ExtendSchema, OutcomeSchema, ReopenSchema, dateInputToMs } from './governance.schema.server';
import type { ActionData } from './components/proposal-form-bits';

export interface IntentContext {
  request: Request;
  user: SessionUser;
  p: Proposal;
  formData: FormData;
  uploads: PendingUpload[];
  /** The proposal page's own address, where each intent returns to. */
  here: string;
}

function readVote(formData: FormData, kind: string, optionIds: string[]): VoteInput {
  // Line breaks arrive as LF (server/malformed.ts), as the 2,000-character box counted them.
  const reason = String(formData.get('reason') ?? '').slice(0, 2001);
  if (kind === 'election') {
    const ranked = optionIds
      .map((id) => ({ id, rank: Number(formData.get(`rank-${id}`) || 0) }))
      .filter((r) => Number.isInteger(r.rank) && r.rank > 0)
      .sort((a, b) => a.rank - b.rank);
    const ranks = ranked.map((r) => r.rank);
    if (new Set(ranks).size !== ranks.length) throw new GovernanceError('invalid', 400);
    return { choice: '', ranking: ranked.map((r) => r.id) };
  }
  if (kind === 'poll') {
    const scores: Record<string, number> = {};
    for (const id of optionIds) {
      const v = formData.get(`score-${id}`);
      if (v !== null && v !== '') scores[id] = Number(v);
    }
    return { choice: '', options: formData.getAll('option').map(String).slice(0, 50), scores, reason };
  }
  return { choice: String(formData.get('choice') ?? ''), reason };
}

/** The receipt code a secret-ballot voter gives to change their ballot (letters, digits, dashes, spaces). */
function readChangeCode(formData: FormData): string | undefined {
  const code = String(formData.get('changeCode') ?? '').trim().slice(0, 40);
  return code ? code : undefined;
}

function readFormToken(formData: FormData): string | undefined {
  const token = formData.get('formToken');
  return isFormToken(token) ? token : undefined;
}

async function vote({ user, p, formData }: IntentContext, intent: 'vote' | 'proxy-vote'): Promise<Response> {
  const voterId = intent === 'proxy-vote' ? String(formData.get('voterId') ?? '').slice(0, 40) : user.id;
  // The receipt code (changing a secret ballot), or the member's proxy code (voting over the proxy's).
  const input = { ...readVote(formData, p.kind, parseOptions(p).map((o) => o.id)), changeCode: readChangeCode(formData), formToken: readFormToken(formData) };
  const { receipt, passedEarly } = await castVote(p.id, user, voterId, input);
  // A proxy's secret ballot has its own receipt: the proxy changes that ballot with it until close.
  const forName = intent === 'proxy-vote' ? (await proxyVotersFor(user.id, p.id)).find((m) => m.id === voterId)?.name : undefined;
  return json<ActionData>({ ok: true, voted: intent === 'vote', receipt: receipt ?? undefined, for: intent === 'proxy-vote' ? voterId : undefined, forName, receiptValid: passedEarly || undefined });
}

/** Each intent's handler; an intent not listed here is a 400. */
export const PROPOSAL_INTENTS: Record<string, (ctx: IntentContext) => Promise<Response>> = {
  vote: (ctx) => vote(ctx, 'vote'),
  'proxy-vote': (ctx) => vote(ctx, 'proxy-vote'),
  receipt: async ({ p, formData }) => {
    const code = String(formData.get('code') ?? '').slice(0, 40);
    return json<ActionData>({ ok: true, receiptValid: await checkReceipt(p.id, code) });
  },
  comment: async ({ request, user, p, formData, here }) => {
    const s = parseWithZod(formData, { schema: CommentSchema });
    if (s.status !== 'success') return json<ActionData>({ ok: false, error: 'governance.comments.required', field: 'comment', values: { body: String(formData.get('body') ?? '').slice(0, 10_000) } }, { status: 400 });
    if (s.value.body.length > 4000) return json<ActionData>({ ok: false, error: 'common.validation.tooLong', field: 'comment' }, { status: 400 });
    await addComment(p.id, user, s.value.body, s.value.parentId ?? null);
    return redirectWithFlash(request, `${here}#discussion`, { key: 'governance.comments.added' });
  },
  amend: async ({ request, user, p, formData, here }) => {
    const s = parseWithZod(formData, { schema: AmendSchema });
    if (s.status !== 'success') {
      const first = Object.values(s.error ?? {})[0]?.[0] ?? 'governance.form.body.required';
      return json<ActionData>({ ok: false, error: first, field: 'amend', values: { title: String(formData.get('title') ?? '').slice(0, 10_000), body: String(formData.get('body') ?? '').slice(0, 10_000), note: String(formData.get('note') ?? '').slice(0, 10_000) } }, { status: 400 });
    }
    await amendProposal(p.id, user, { title: s.value.title, body: s.value.body, note: s.value.note ?? '' });
    return redirectWithFlash(request, here, { key: 'governance.amend.done' });
  },
  reopen: async ({ request, user, p, formData, here }) => {
    const s = parseWithZod(formData, { schema: ReopenSchema });
    if (s.status !== 'success') {
      const first = Object.values(s.error ?? {})[0]?.[0] ?? 'governance.form.body.required';
      const values = { title: String(formData.get('title') ?? '').slice(0, 10_000), body: String(formData.get('body') ?? '').slice(0, 10_000), note: String(formData.get('note') ?? '').slice(0, 10_000), days: String(formData.get('days') ?? '').slice(0, 10) };
      return json<ActionData>({ ok: false, error: first, field: 'reopen', values }, { status: 400 });
    }
    await reopenConsent(p.id, user, { title: s.value.title, body: s.value.body, note: s.value.note ?? '', days: s.value.days });
    return redirectWithFlash(request, here, { key: 'governance.reopen.done' });
  },
  attach: async ({ request, user, p, uploads, here }) => {
    const r = await attachToProposal(p.id, user, uploads[0]);
    if ('problem' in r) return json<ActionData>({ ok: false, error: `governance.attachments.problems.${r.problem}`, field: 'attach' }, { status: 400 });
    return redirectWithFlash(request, `${here}#attachments`, { key: 'governance.attachments.added' });
  },
  close: async ({ request, user, p, here }) => {
    await closeEarly(p.id, user);
    return redirectWithFlash(request, here, { key: 'governance.close.done' });
  },
  extend: async ({ request, user, p, formData, here }) => {
    const s = parseWithZod(formData, { schema: ExtendSchema });
    if (s.status !== 'success') return json<ActionData>({ ok: false, error: 'governance.extend.invalid', field: 'extend', values: { days: String(formData.get('days') ?? '').slice(0, 10) } }, { status: 400 });
    await extendProposal(p.id, user, p.closes_at + s.value.days * DAY);
    return redirectWithFlash(request, here, { key: 'governance.extend.done' });
  },
  outcome: async ({ request, user, p, formData, here }) => {
    const s = parseWithZod(formData, { schema: OutcomeSchema });
    if (s.status !== 'success') {
      const first = Object.values(s.error ?? {})[0]?.[0] ?? 'governance.outcome.statement.required';
      return json<ActionData>({ ok: false, error: first, field: 'outcome', values: { statement: String(formData.get('statement') ?? '').slice(0, 10_000), reviewAt: String(formData.get('reviewAt') ?? '').slice(0, 20) } }, { status: 400 });
    }
    await recordOutcome(p.id, user, s.value.statement, s.value.reviewAt ? dateInputToMs(s.value.reviewAt) : null);
    return redirectWithFlash(request, here, { key: 'governance.outcome.done' });
  },
};

/** The handler for a form's intent, or undefined (own keys only: "toString" is not an intent). */
export function proposalIntent(intent: string): ((ctx: IntentContext) => Promise<Response>) | undefined {
  return Object.hasOwn(PROPOSAL_INTENTS, intent) ? PROPOSAL_INTENTS[intent] : undefined;
}

/** The field a refusal is shown next to: the vote form, one proxy form per member, or the intent's form. */
export function errorField(intent: string, formData: FormData): string {
  return intent === 'vote' ? 'vote' : intent === 'proxy-vote' ? `proxy:${String(formData.get('voterId') ?? '').slice(0, 40)}` : intent;
}

/** A GovernanceError as the message next to the form's field, with what was typed kept. */
export function intentRefusal(e: unknown, formData: FormData, field?: string): Response {
  if (e instanceof GovernanceError) {
    const values: Record<string, string> = {};
    for (const [k, v] of formData.entries()) if (typeof v === 'string' && k !== 'intent') values[k] = v.slice(0, 10_000);
    return json<ActionData>({ ok: false, error: `governance.errors.${e.code}`, field, values }, { status: e.status });
  }
  throw e;
}
