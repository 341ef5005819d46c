import { describe, expect, it } from 'vitest';
import { hasEmail, looksLikePhone, noEmailAddress, normalisePhone, whatsAppLink } from './phone';

describe('phone numbers', () => {
  it('reads UK numbers as members write them, and international ones', () => {
    expect(normalisePhone('07911 123456')).toBe('+447911123456');
    expect(normalisePhone('+44 7911 123456')).toBe('+447911123456');
    expect(normalisePhone('(07911) 123-456')).toBe('+447911123456');
    expect(normalisePhone('+40 721 234 567')).toBe('+40721234567');
    expect(normalisePhone('+98 912 345 6789')).toBe('+989123456789');
  });

  it('refuses what is not a phone number', () => {
    for (const bad of ['', 'hello', '123', 'a@b.org', '+44 7911 123456 ext', '0'.repeat(40)]) expect(normalisePhone(bad)).toBeNull();
  });

  it('tells phone numbers from email addresses in the sign-in field', () => {
    expect(looksLikePhone('07911 123456')).toBe(true);
    expect(looksLikePhone('amira2@example.org')).toBe(false);
  });

  it('gives accounts without email an undeliverable placeholder', () => {
    const placeholder = noEmailAddress('+447911123456');
    expect(placeholder).toMatch(/\.invalid$/);
    expect(hasEmail(placeholder)).toBe(false);
    expect(hasEmail('amira@example.org')).toBe(true);
  });

  it('builds a one-tap WhatsApp message with the text encoded', () => {
    expect(whatsAppLink('+447911123456', 'Join: https://nomi.example/invite/a b')).toBe('https://wa.me/447911123456?text=Join%3A%20https%3A%2F%2Fnomi.example%2Finvite%2Fa%20b');
  });
});
