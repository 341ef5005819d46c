import { db } from '~db/connection';
import { newId } from '~/modules/auth/tokens.server';
import type { SessionUser } from '~/modules/auth/session.server';
import { audit } from '~/modules/network/settings.server';
import { MB, allowTypes, discardPending, removeStored, storeUploads, type PendingUpload, type UploadProblem } from '~/modules/uploads/uploads.server';
import { GovernanceError } from './errors';
import { getProposal } from './proposal-read.server';
import { lifecycleSubject } from './authorize.server';
import { can } from '~/policies';

/** Background documents: draft articles, budgets, minutes… */
export const ATTACHMENT_MAX_BYTES = 10 * MB;
export const ATTACHMENT_TYPES = allowTypes('pdf', 'docx', 'xlsx', 'pptx', 'opendocument', 'images');
export const ATTACHMENTS_PER_PROPOSAL = 10;

/**
 * The proposer (or a steward) attaches a background document to a proposal that is not closed.
 * Returns the new id, or the upload problem to show next to the field (nothing is kept then).
 */
export async function attachToProposal(proposalId: string, user: Pick<SessionUser, 'id' | 'role'>, upload: PendingUpload | undefined, now = Date.now()): Promise<{ id: string } | { problem: UploadProblem | 'missing' | 'tooManyFiles' }> {
  const p = await getProposal(proposalId);
  const discard = () => (upload ? discardPending([upload]) : undefined);
  if (!p) {
    await discard();
    throw new GovernanceError('not_found', 404);
  }
  if (!can(user, 'proposal.facilitate', lifecycleSubject(p))) {
    await discard();
    throw new GovernanceError('forbidden', 403);
  }
  if (p.status === 'closed') {
    await discard();
    throw new GovernanceError('not_open', 409);
  }
  if (!upload) return { problem: 'missing' };
  const { n } = await db.selectFrom('governance_attachments').select((eb) => eb.fn.countAll<number>().as('n')).where('proposal_id', '=', proposalId).executeTakeFirstOrThrow();
  if (Number(n) >= ATTACHMENTS_PER_PROPOSAL) {
    await discard();
    return { problem: 'tooManyFiles' };
  }
  // Pictures are re-encoded (full size) so no GPS position or camera details travel with them.
  const stored = await storeUploads([upload], { allow: ATTACHMENT_TYPES, folder: 'governance', images: {} });
  if (!stored.ok) return { problem: stored.problems[0]!.problem };
  const file = stored.files[0]!;
  const id = newId();
  try {
    await db.insertInto('governance_attachments').values({ id, proposal_id: proposalId, uploaded_by: user.id, path: file.path, name: file.name, mime: file.mime, size: file.size, created_at: now }).execute();
  } catch (e) {
    await removeStored(stored.files);
    throw e;
  }
  await audit({ actorId: user.id, action: `governance.attachment_added`, subjectType: 'governance_proposal', subjectId: proposalId, details: { name: file.name } });
  return { id };
}

export async function listAttachments(proposalId: string) {
  return db.selectFrom('governance_attachments').select(['id', 'name', 'mime', 'size', 'created_at']).where('proposal_id', '=', proposalId).orderBy('created_at').execute();
}

/**
 * An attachment for download, or undefined. Every member may read every proposal, so any signed-in
 * member may download its attachments; visitors (and unknown ids) get nothing.
 */
export async function attachmentFor(proposalId: string, attachmentId: string) {
  return db.selectFrom('governance_attachments').select(['path', 'name', 'mime']).where('proposal_id', '=', proposalId).where('id', '=', attachmentId).executeTakeFirst();
}
