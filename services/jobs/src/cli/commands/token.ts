import { devClaims, mintDevToken, parseRole, readDevSecrets, DEV_AUDIENCE, DEV_ISSUER } from '../dev-token';
import { UsageError } from '../exit-codes';
import { printJson, printText, type CliIo } from '../io';

export interface TokenOptions {
  subject?: string;
  organisation?: string;
  municipality?: string;
  hours?: string;
  json?: boolean;
}

/** A development token signed with the keys `npm start` keeps in .cache/dev/secrets.json. */
export function tokenCommand(io: CliIo, roleText: string, options: TokenOptions): void {
  const role = parseRole(roleText);
  const hours = options.hours === undefined ? 12 : Number(options.hours);
  if (!Number.isFinite(hours)) throw new UsageError(`--hours expects a number, got "${options.hours}"`);
  // claims are checked before the keys are read, so a wrong scope is a usage error wherever it runs
  const claims = devClaims({ role, subject: options.subject, organisationId: options.organisation, municipalityCode: options.municipality });
  const token = mintDevToken(readDevSecrets(io.env), claims, hours);
  if (options.json) {
    printJson(io, { token, claims, issuer: DEV_ISSUER, audience: DEV_AUDIENCE, expiresAt: new Date(Date.now() + hours * 3600_000).toISOString() });
  } else {
    printText(io, token);
  }
}
