import { createHash, randomBytes } from 'node:crypto';

/** Random, URL-safe identifier for rows (not guessable, not sequential). */
export function newId(): string {
  return randomBytes(12).toString('base64url');
}

/** A secret for a link (invitation, reset). Only its SHA-256 is stored. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
