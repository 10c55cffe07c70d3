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
