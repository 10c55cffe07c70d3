import type { JobRunDocument } from '../../infrastructure/models';

export const JobRun = {
  id: (run: JobRunDocument) => run._id.toHexString(),
};
