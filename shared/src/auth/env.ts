import { createPublicKey } from 'node:crypto';
import { z } from 'zod';

/** Env files carry a PEM on one line with `\n` escapes; real newlines are restored before the key is checked. */
const publicKeyPem = z
  .string()
  .min(1)
  .transform((value) => value.replace(/\\n/g, '\n').trim())
  .refine(
    (pem) => {
      try {
        return createPublicKey(pem).asymmetricKeyType === 'rsa';
      } catch {
        return false;
      }
    },
    { message: 'expected an RSA public key in PEM' },
  );

/** Variables for verifying user tokens, spread into the gateway's (and any verifier's) config schema. */
export const authEnv = {
  AUTH_ISSUER: z.string().min(1).default('region10-hub'),
  AUTH_AUDIENCE: z.string().min(1).default('region10-hub-graph'),
  AUTH_PUBLIC_KEY: publicKeyPem,
};
