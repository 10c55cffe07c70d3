import type { JobRunDocument } from '../../infrastructure/models';

export const JobRun = {
  id: (run: JobRunDocument) => run._id.toHexString(),
  // runs recorded before there was Swedish have none: their English stands for both
  errorTexts: (run: JobRunDocument) => (run.error === null || run.error === undefined ? null : { sv: run.errorSv ?? run.error, en: run.error }),
};
