import { randomBytes } from 'node:crypto';
import { decryptToken, encryptToken, parseEncryptionKey } from '../../server/src/auth/token-crypto';

describe('token encryption', () => {
  const key = randomBytes(32);

  it('round-trips and never stores the token in clear', () => {
    const sealed = encryptToken('pina_secret_token_value', key);
    expect(sealed).not.toContain('pina_secret');
    expect(sealed.startsWith('v1.')).toBe(true);
    expect(decryptToken(sealed, key)).toBe('pina_secret_token_value');
  });

  it('uses a random IV: the same token encrypts differently each time', () => {
    expect(encryptToken('x', key)).not.toBe(encryptToken('x', key));
  });

  it('refuses a changed byte and a wrong key', () => {
    const sealed = encryptToken('pina_abc', key);
    const parts = sealed.split('.');
    const data = Buffer.from(parts[3], 'base64url');
    data[0] ^= 1;
    const tampered = [...parts.slice(0, 3), data.toString('base64url')].join('.');
    expect(() => decryptToken(tampered, key)).toThrow(/could not be decrypted/);
    expect(() => decryptToken(sealed, randomBytes(32))).toThrow(/could not be decrypted/);
  });

  it('reads base64 and hex keys and explains a missing or short one without echoing it', () => {
    const b64 = key.toString('base64');
    expect(parseEncryptionKey(b64).equals(key)).toBe(true);
    expect(parseEncryptionKey(key.toString('hex')).equals(key)).toBe(true);
    expect(() => parseEncryptionKey(undefined)).toThrow(/PINTEREST_ENCRYPTION_KEY/);
    expect(() => parseEncryptionKey('c2hvcnQ=')).toThrow(/must be 32 bytes.*decodes to 5 bytes/);
    try {
      parseEncryptionKey('c2hvcnQ=');
    } catch (e) {
      expect((e as Error).message).not.toContain('c2hvcnQ=');
    }
  });
});
