import { z } from 'zod';
import { text } from '~/utils/validation';
import { MAX_COMMENT } from './limits';

/** Zod schemas for the collab forms. Messages are i18n keys. */
export const CommentBody = text(MAX_COMMENT, 'collab.comments.bodyRequired');

export const CreateThreadSchema = z.object({
  intent: z.literal('create'),
  field: z.string().trim().min(1).max(200),
  from: z.string().trim().min(1).max(2000),
  to: z.string().trim().min(1).max(2000),
  quote: z.string().max(2000).default(''),
  body: CommentBody,
});

export const ReplySchema = z.object({
  intent: z.literal('reply'),
  threadId: z.string().trim().min(1).max(40),
  body: CommentBody,
});

export const EditCommentSchema = z.object({
  intent: z.literal('edit'),
  commentId: z.string().trim().min(1).max(40),
  body: CommentBody,
});

export const DeleteCommentSchema = z.object({
  intent: z.literal('delete'),
  commentId: z.string().trim().min(1).max(40),
});

export const StatusSchema = z.object({
  intent: z.enum(['resolve', 'reopen']),
  threadId: z.string().trim().min(1).max(40),
});

export const SnapshotNameSchema = z.object({
  intent: z.literal('name'),
  name: text(120, 'collab.history.nameRequired'),
});
