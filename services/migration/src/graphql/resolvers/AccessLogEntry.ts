import type { AccessRecordDocument } from '../../infrastructure/models';

export const AccessLogEntry = {
  id: (e: AccessRecordDocument) => e.accessId,
  at: (e: AccessRecordDocument) => new Date(e.at),
  outcome: (e: AccessRecordDocument) => (e.outcome ?? 'read').toUpperCase(),
};
