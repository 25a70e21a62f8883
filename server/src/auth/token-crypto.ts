import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Tokens at rest: AES-256-GCM with a random 96-bit IV per value and the full 128-bit tag.
 *
 * - `v2.<iv>.<tag>.<ciphertext>` (base64url), written today: the ciphertext is bound to where it is
 *   stored by associated data (e.g. the account's environment and the field name), so a value
 *   copied into another row or field does not open.
 * - `v1.…`, written before: no associated data. Still read, and re-sealed as v2 on the next write.
 *
 * A changed byte, a cut tag, another place or a key that is neither the current nor the previous
 * one fails to open (`TokenKeyError`).
 */
const VERSION = 'v2';
const LEGACY_VERSION = 'v1';
const TAG_BYTES = 16;
const IV_BYTES = 12;

export class TokenKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenKeyError';
  }
}

/** The key tokens are sealed with, and the one used before it (during a key rotation). */
export interface TokenKeys {
  current: Buffer;
  previous?: Buffer | null;
}

/**
 * Reads a 32-byte key given as base64 (44 chars) or hex (64 chars). Never echoes the key.
 * `name` is the variable named in the messages.
 */
export function parseEncryptionKey(
  raw: string | undefined | null,
  name = 'PINTEREST_ENCRYPTION_KEY (or config.encryptionKey)'
): Buffer {
  if (!raw || !raw.trim()) {
    throw new TokenKeyError(
      `No token encryption key: set ${name} to 32 random bytes, e.g. \`openssl rand -base64 32\`. The plugin refuses to store tokens without it.`
    );
  }
  const value = raw.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(value)
    ? Buffer.from(value, 'hex')
    : Buffer.from(value, 'base64');
  if (key.length !== 32) {
    throw new TokenKeyError(
      `The token encryption key ${name} must be 32 bytes (base64 or hex); the one configured decodes to ${key.length} bytes.`
    );
  }
  return key;
}

/** The current key and, when set, the previous one (config `encryptionKeyPrevious`). */
export function parseTokenKeys(cfg: {
  encryptionKey?: string;
  encryptionKeyPrevious?: string;
}): TokenKeys {
  const current = parseEncryptionKey(cfg.encryptionKey);
  const previous = cfg.encryptionKeyPrevious?.trim()
    ? parseEncryptionKey(
        cfg.encryptionKeyPrevious,
        'PINTEREST_ENCRYPTION_KEY_PREVIOUS (or config.encryptionKeyPrevious)'
      )
    : null;
  return { current, previous };
}

/** Seals `plain` with `key`, bound to `aad` (where the value is stored). */
export function encryptToken(plain: string, key: Buffer, aad: string): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [
    VERSION,
    iv.toString('base64url'),
    tag.toString('base64url'),
    data.toString('base64url'),
  ].join('.');
}

function open(
  key: Buffer,
  iv: Buffer,
  tag: Buffer,
  data: Buffer,
  aad: string | null
): string | null {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    if (aad !== null) decipher.setAAD(Buffer.from(aad, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}

export interface OpenedToken {
  value: string;
  /** True when the value should be sealed again: the old format, or the previous key. */
  stale: boolean;
}

/** Opens a sealed value stored at `aad`, with the current key, else the previous one. */
export function decryptToken(sealed: string, keys: TokenKeys, aad: string): OpenedToken {
  const [version, ivText, tagText, dataText, extra] = sealed.split('.');
  const iv = Buffer.from(ivText ?? '', 'base64url');
  const tag = Buffer.from(tagText ?? '', 'base64url');
  if (
    (version !== VERSION && version !== LEGACY_VERSION) ||
    extra !== undefined ||
    dataText === undefined ||
    iv.length !== IV_BYTES ||
    tag.length !== TAG_BYTES
  ) {
    throw new TokenKeyError('A stored token is not in the expected encrypted format.');
  }
  const data = Buffer.from(dataText, 'base64url');
  const boundTo = version === VERSION ? aad : null;
  const withCurrent = open(keys.current, iv, tag, data, boundTo);
  if (withCurrent !== null) return { value: withCurrent, stale: version !== VERSION };
  const withPrevious = keys.previous ? open(keys.previous, iv, tag, data, boundTo) : null;
  if (withPrevious !== null) return { value: withPrevious, stale: true };
  throw new TokenKeyError(
    keys.previous
      ? 'The stored Pinterest tokens cannot be decrypted with PINTEREST_ENCRYPTION_KEY nor PINTEREST_ENCRYPTION_KEY_PREVIOUS: the key changed, or the value was altered.'
      : 'The stored Pinterest tokens cannot be decrypted with PINTEREST_ENCRYPTION_KEY: the key changed (set the old one as PINTEREST_ENCRYPTION_KEY_PREVIOUS), or the value was altered.'
  );
}
