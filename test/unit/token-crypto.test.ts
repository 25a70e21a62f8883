import { createCipheriv, randomBytes } from 'node:crypto';
import {
  decryptToken,
  encryptToken,
  parseEncryptionKey,
  parseTokenKeys,
} from '../../server/src/auth/token-crypto';

const PLACE = 'plugin::pinterest.account:production:accessToken';

/** A value sealed the way the plugin did before associated data (`v1`, no AAD). */
function sealV1(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv, cipher.getAuthTag(), data].map((p) => p.toString('base64url')).join('.');
}

const withPart = (sealed: string, index: number, change: (b: Buffer) => Buffer) => {
  const parts = sealed.split('.');
  parts[index] = change(Buffer.from(parts[index], 'base64url')).toString('base64url');
  return parts.join('.');
};

describe('token encryption', () => {
  const key = randomBytes(32);
  const keys = { current: key };

  it('round-trips and never stores the token in clear', () => {
    const sealed = encryptToken('pina_secret_token_value', key, PLACE);
    expect(sealed).not.toContain('pina_secret');
    expect(sealed.startsWith('v2.')).toBe(true);
    expect(decryptToken(sealed, keys, PLACE)).toEqual({
      value: 'pina_secret_token_value',
      stale: false,
    });
  });

  it('uses a random IV: the same token encrypts differently each time', () => {
    expect(encryptToken('x', key, PLACE)).not.toBe(encryptToken('x', key, PLACE));
  });

  it('refuses a changed byte, a changed tag and a wrong key', () => {
    const sealed = encryptToken('pina_abc', key, PLACE);
    const flip = (b: Buffer) => {
      b[0] ^= 1;
      return b;
    };
    expect(() => decryptToken(withPart(sealed, 3, flip), keys, PLACE)).toThrow(
      /cannot be decrypted/
    );
    expect(() => decryptToken(withPart(sealed, 2, flip), keys, PLACE)).toThrow(
      /cannot be decrypted/
    );
    expect(() => decryptToken(sealed, { current: randomBytes(32) }, PLACE)).toThrow(
      /cannot be decrypted.*PINTEREST_ENCRYPTION_KEY_PREVIOUS/
    );
  });

  it('requires the full 16-byte tag: a truncated tag is refused, even a genuine prefix', () => {
    const sealed = encryptToken('pina_abc', key, PLACE);
    for (const bytes of [12, 8, 4]) {
      expect(() =>
        decryptToken(
          withPart(sealed, 2, (b) => b.subarray(0, bytes)),
          keys,
          PLACE
        )
      ).toThrow(/not in the expected encrypted format/);
    }
    const legacy = sealV1('pina_abc', key);
    expect(() =>
      decryptToken(
        withPart(legacy, 2, (b) => b.subarray(0, 4)),
        keys,
        PLACE
      )
    ).toThrow(/not in the expected encrypted format/);
  });

  it('binds a value to its row and field: copied elsewhere it does not open', () => {
    const sealed = encryptToken('pina_abc', key, PLACE);
    for (const elsewhere of [
      'plugin::pinterest.account:production:refreshToken',
      'plugin::pinterest.account:sandbox:accessToken',
    ]) {
      expect(() => decryptToken(sealed, keys, elsewhere)).toThrow(/cannot be decrypted/);
    }
  });

  it('reads values sealed before associated data existed, and says they need sealing again', () => {
    expect(decryptToken(sealV1('pina_old', key), keys, PLACE)).toEqual({
      value: 'pina_old',
      stale: true,
    });
  });

  it('rotation: opens with the previous key (stale), never seals with it', () => {
    const previous = randomBytes(32);
    const rotated = { current: key, previous };
    const underOld = encryptToken('pina_rot', previous, PLACE);
    expect(decryptToken(underOld, rotated, PLACE)).toEqual({ value: 'pina_rot', stale: true });
    expect(decryptToken(sealV1('pina_v1', previous), rotated, PLACE)).toEqual({
      value: 'pina_v1',
      stale: true,
    });
    expect(() => decryptToken(underOld, { current: key }, PLACE)).toThrow(/cannot be decrypted/);
    expect(() =>
      decryptToken(underOld, { current: randomBytes(32), previous: key }, PLACE)
    ).toThrow(/neither|nor PINTEREST_ENCRYPTION_KEY_PREVIOUS/);
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

  it('reads the previous key and names it when it is wrong', () => {
    const previous = randomBytes(32);
    const parsed = parseTokenKeys({
      encryptionKey: key.toString('base64'),
      encryptionKeyPrevious: previous.toString('hex'),
    });
    expect(parsed.current.equals(key)).toBe(true);
    expect(parsed.previous?.equals(previous)).toBe(true);
    expect(parseTokenKeys({ encryptionKey: key.toString('base64') }).previous).toBeNull();
    expect(() =>
      parseTokenKeys({ encryptionKey: key.toString('base64'), encryptionKeyPrevious: 'c2hvcnQ=' })
    ).toThrow(/PINTEREST_ENCRYPTION_KEY_PREVIOUS.*must be 32 bytes/);
  });
});
