import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { z } from 'zod';

/** Env files carry a PEM on one line with `\n` escapes; real newlines are restored before the key is checked. */
function pem(load: (pem: string) => KeyObject, accepts: (key: KeyObject, pem: string) => boolean, message: string) {
  return z
    .string()
    .min(1)
    .transform((value) => value.replace(/\\n/g, '\n').trim())
    .refine(
      (text) => {
        try {
          return accepts(load(text), text);
        } catch {
          return false;
        }
      },
      { message },
    );
}

const isP256 = (key: KeyObject): boolean => key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1';

/** The gateway's signing key for forwarded claims (ES256). */
export const gatewayPrivateKeyPem = pem(createPrivateKey, isP256, 'expected an EC P-256 private key in PEM');

// createPublicKey derives a public key from a private one; a private key where a public one belongs is refused
const isPublicPem = (text: string): boolean => !text.includes('PRIVATE KEY');

/** What each subgraph verifies forwarded claims with: the gateway's public key, and nothing that could sign. */
export const gatewayPublicKeyPem = pem(createPublicKey, (key, text) => isPublicPem(text) && isP256(key), 'expected an EC P-256 public key in PEM');

/** A token issuer's own public key, for an issuer configured with a key rather than discovery. */
export const issuerPublicKeyPem = pem(
  createPublicKey,
  (key, text) => isPublicPem(text) && (key.asymmetricKeyType === 'rsa' || key.asymmetricKeyType === 'rsa-pss' || isP256(key)),
  'expected an RSA or EC P-256 public key in PEM',
);

/** The variable every subgraph reads to verify the gateway's forwarded claims. */
export const gatewayPublicKeyEnv = { GATEWAY_PUBLIC_KEY: gatewayPublicKeyPem };
