import type { JobRunDocument } from '../../infrastructure/models';

type Rejected = JobRunDocument['rejected'][number];

export const RejectedItem = {
  // runs recorded before there was Swedish have none: their English stands for both
  texts: (rejected: Rejected) => ({ sv: rejected.reasonSv ?? rejected.reason, en: rejected.reason }),
};
