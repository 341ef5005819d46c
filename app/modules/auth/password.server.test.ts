import { describe, expect, it } from 'vitest';
import { hashPassword, passwordProblem, verifyPassword } from './password.server';
import { newPassword } from './auth.schema';

describe('password rules', () => {
  it('needs at least 10 characters, counted as characters not bytes', () => {
    expect(passwordProblem('nine char')).toBe('tooShort');
    expect(passwordProblem('ten chars!')).toBeNull();
    // Ten Arabic letters are ten characters, even though they take 20 bytes.
    expect(passwordProblem('كلمةسرطويل')).toBeNull();
    expect(passwordProblem('كلمةسرطوي')).toBe('tooShort');
  });

  it('refuses the most common passwords whatever their case', () => {
    expect(passwordProblem('password123')).toBe('tooCommon');
    expect(passwordProblem('Birmingham')).toBe('tooCommon');
    expect(passwordProblem('QWERTYUIOP')).toBe('tooCommon');
  });

  it('welcomes passphrases without composition rules, and caps the length', () => {
    expect(passwordProblem('blue kettle river song')).toBeNull();
    expect(passwordProblem('alllowercaseletters')).toBeNull();
    expect(passwordProblem('x'.repeat(201))).toBe('tooLong');
  });

  it('gives the form an i18n key for each problem', () => {
    const result = newPassword.safeParse('short');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('auth.password.tooShort');
    expect(newPassword.safeParse('password123').error?.issues[0]?.message).toBe('auth.password.tooCommon');
  });
});

describe('password hashing', () => {
  it('stores an argon2id hash with the OWASP parameters, never the password', async () => {
    const hash = await hashPassword('blue kettle river song');
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(hash).not.toContain('kettle');
    // Salted: the same password hashes differently each time.
    expect(await hashPassword('blue kettle river song')).not.toBe(hash);
  });

  it('verifies the right password and refuses a wrong one or a broken hash', async () => {
    const hash = await hashPassword('blue kettle river song');
    expect(await verifyPassword(hash, 'blue kettle river song')).toBe(true);
    expect(await verifyPassword(hash, 'blue kettle river son')).toBe(false);
    expect(await verifyPassword('not a hash', 'blue kettle river song')).toBe(false);
  });

  it('treats the same text typed on different keyboards (Unicode forms) as the same password', async () => {
    const composed = 'café au lait ☕ 2026';
    const decomposed = composed.normalize('NFD');
    expect(decomposed).not.toBe(composed);
    expect(await verifyPassword(await hashPassword(composed), decomposed)).toBe(true);
  });
});
