import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Proxies in secret ballots (issue 15.5): the proxy casts the member's ballot; the member can still
 * vote in person before close, which replaces it; nothing kept links the proxy's ballot to the member.
 *
 * How the member finds the proxy's ballot without anyone else being able to:
 *  - Appointing a proxy makes an X25519 key pair. The public key is stored with the appointment; the
 *    private key is stored sealed (AES-256-GCM) under a key derived from a **proxy code** of 100
 *    random bits that is shown to the member once and never stored.
 *  - When the proxy votes, the server picks a random tag T. The ballot-box entry carries only
 *    H(proposal, T); T itself is sealed to the public key (ephemeral X25519 + AES-GCM) and kept on the
 *    member's "has voted" row — which already says the member voted, and now that a proxy did.
 *  - Every in-person ballot carries a random value in the same field, so a proxy's ballot looks like
 *    any other in the box.
 *  - Voting in person, the member types the proxy code: it opens the private key, the private key
 *    opens T, and H(proposal, T) finds the proxy's ballot, which is replaced.
 * Someone holding the data folder — even with the ballot secret, which decrypts the box — sees a
 * sealed tag on the member's row and a hash on an entry, and cannot join them without the code.
 */

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A proxy code: 20 characters from 32 = 100 random bits, in groups of four like a receipt. */
export function newProxyCode(): string {
  return Array.from(randomBytes(20), (b) => CODE_ALPHABET[b % 32])
    .join('')
    .match(/.{4}/g)!
    .join('-');
}

function codeKey(code: string, publicKey: string): Buffer {
  const normalized = code.toUpperCase().replace(/[^A-Z0-9]/g, '');
  // Salted with the appointment's own public key: a code only ever opens its own appointment.
  return Buffer.from(hkdfSync('sha256', normalized, publicKey, 'nomi proxy code v1', 32));
}

function seal(key: Buffer, plain: Buffer): Buffer {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([c.update(plain), c.final()]);
  return Buffer.concat([iv, c.getAuthTag(), body]);
}

/** Null when the key is wrong (GCM refuses it): a wrong code is an answer, not an error. */
function open(key: Buffer, sealed: Buffer): Buffer | null {
  try {
    const d = createDecipheriv('aes-256-gcm', key, sealed.subarray(0, 12));
    d.setAuthTag(sealed.subarray(12, 28));
    return Buffer.concat([d.update(sealed.subarray(28)), d.final()]);
  } catch {
    return null;
  }
}

/** The key pair of a new appointment: the public key, and the private key sealed under the code. */
export function newProxyKeys(code: string): { publicKey: string; keySealed: string } {
  const { publicKey, privateKey } = generateKeyPairSync('x25519');
  const pub = publicKey.export({ type: 'spki', format: 'der' }).toString('base64url');
  const priv = privateKey.export({ type: 'pkcs8', format: 'der' });
  return { publicKey: pub, keySealed: seal(codeKey(code, pub), priv).toString('base64url') };
}

function sharedKey(secret: Buffer, ephemeralPub: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, ephemeralPub, 'nomi proxy tag v1', 32));
}

/** A fresh tag for a proxy's ballot (128 random bits). */
export function newProxyTag(): string {
  return randomBytes(16).toString('base64url');
}

/** What the ballot box stores: finds the ballot from T, says nothing about whose it is. */
export function proxyTagHash(proposalId: string, tag: string): string {
  return createHash('sha256').update(`proxy:${proposalId}:${tag}`).digest('hex');
}

/** The filler every in-person ballot carries in the same field (same length as a real hash). */
export function decoyTagHash(): string {
  return randomBytes(32).toString('hex');
}

/** T sealed to the appointment's public key: only the private key (so only the code) opens it. */
export function sealTag(publicKey: string, tag: string): string {
  const pub = createPublicKey({ key: Buffer.from(publicKey, 'base64url'), format: 'der', type: 'spki' });
  const eph = generateKeyPairSync('x25519');
  const ephPub = eph.publicKey.export({ type: 'spki', format: 'der' });
  const key = sharedKey(diffieHellman({ privateKey: eph.privateKey, publicKey: pub }), ephPub);
  const body = seal(key, Buffer.from(tag));
  return `${ephPub.toString('base64url')}.${body.toString('base64url')}`;
}

/** T, if this code opens this appointment's key and that key opens the sealed tag; otherwise null. */
export function openTag(code: string, appointment: { ballot_public_key: string; ballot_key_sealed: string }, sealedTag: string): string | null {
  const priv = open(codeKey(code, appointment.ballot_public_key), Buffer.from(appointment.ballot_key_sealed, 'base64url'));
  if (!priv) return null;
  const [ephB64, bodyB64] = sealedTag.split('.');
  if (!ephB64 || !bodyB64) return null;
  const ephPub = Buffer.from(ephB64, 'base64url');
  const privateKey = createPrivateKey({ key: priv, format: 'der', type: 'pkcs8' });
  const secret = diffieHellman({ privateKey, publicKey: createPublicKey({ key: ephPub, format: 'der', type: 'spki' }) });
  return open(sharedKey(secret, ephPub), Buffer.from(bodyB64, 'base64url'))?.toString('utf8') ?? null;
}
