import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Tokens at rest: AES-256-GCM with a random 96-bit IV per value, authenticated (a changed byte or a
 * wrong key fails to decrypt). Stored as `v1.<iv>.<tag>.<ciphertext>` in base64url.
 */
const VERSION = 'v1';

export class TokenKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenKeyError';
  }
}

/** Reads a 32-byte key given as base64 (44 chars) or hex (64 chars). Never echoes the key. */
export function parseEncryptionKey(raw: string | undefined | null): Buffer {
  if (!raw || !raw.trim()) {
    throw new TokenKeyError(
      'No token encryption key: set PINTEREST_ENCRYPTION_KEY (or config.encryptionKey) to 32 random bytes, e.g. `openssl rand -base64 32`. The plugin refuses to store tokens without it.'
    );
  }
  const value = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, 'hex')
    : Buffer.from(value, 'base64');
  if (key.length !== 32) {
    throw new TokenKeyError(
      `The token encryption key must be 32 bytes (base64 or hex); the one configured decodes to ${key.length} bytes.`
    );
  }
  return key;
}

export function encryptToken(plain: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    iv.toString('base64url'),
    tag.toString('base64url'),
    data.toString('base64url'),
  ].join('.');
}

export function decryptToken(sealed: string, key: Buffer): string {
  const [version, iv, tag, data] = sealed.split('.');
  if (version !== VERSION || !iv || !tag || data === undefined) {
    throw new TokenKeyError('A stored token is not in the expected encrypted format.');
  }
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(data, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  } catch {
    throw new TokenKeyError(
      'A stored token could not be decrypted: the encryption key changed or the value was altered. Reconnect the account.'
    );
  }
}
