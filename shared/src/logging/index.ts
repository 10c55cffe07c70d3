import pino from 'pino';

/**
 * Keys whose values are personal data wherever they appear in a log object (one or two levels deep, and in
 * arrays of such objects). Pino's redaction is path-based, so each key is listed at the depths logs use.
 */
const PERSONAL_KEYS = ['name', 'firstName', 'lastName', 'fullName', 'email', 'phone', 'note', 'notes', 'contacts'];

export const REDACTED_PATHS = PERSONAL_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`, `*[*].${key}`]);

export type Logger = pino.Logger;

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? 'info'): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
  });
}

export type SecurityEventKind = 'authentication-failed' | 'sign-in-failed' | 'access-refused' | 'rate-limited';

export interface SecurityEvent {
  kind: SecurityEventKind;
  /** A short, fixed reason ("token expired", "wrong password"); never the token, the password or what was asked. */
  reason: string;
  /** The client's address as the server saw it. */
  client?: string;
  /** The subject id of the caller when known: an id, never a name or e-mail. */
  subject?: string;
}

/** One JSON line per security event, under a fixed message so operators can alert on it. */
export function logSecurityEvent(logger: Logger, event: SecurityEvent): void {
  logger.warn({ security: event }, 'security event');
}
