import { generateKeyPairSync, randomUUID, type JsonWebKey } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type SigningKey = JsonWebKey & { kid: string; alg: 'RS256'; use: 'sig' };

/** The newest key signs; the one before it stays published so the tokens it signed verify until they expire. */
const KEYS_KEPT = 2;

function newSigningKey(): SigningKey {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

function write(file: string, keys: SigningKey[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  // written aside and renamed, so a crash mid-write never leaves the provider without keys
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify({ keys }), { mode: 0o600 });
  renameSync(temporary, file);
}

export function loadSigningKeys(file: string): SigningKey[] {
  if (!existsSync(file)) {
    const keys = [newSigningKey()];
    write(file, keys);
    return keys;
  }
  const { keys } = JSON.parse(readFileSync(file, 'utf8')) as { keys?: SigningKey[] };
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${file} holds no signing keys: delete it to make new ones`);
  return keys;
}

/** A new key in front; keys older than the previous one are retired. */
export function rotateSigningKeys(file: string): SigningKey[] {
  const keys = [newSigningKey(), ...loadSigningKeys(file)].slice(0, KEYS_KEPT);
  write(file, keys);
  return keys;
}
