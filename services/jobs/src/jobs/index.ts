import type { Job } from '../application/job';
import { sourceSettings, type JobsConfig } from '../config';
import { funderReportJob } from './funder-report';
import { fundingCallsJob } from './funding-calls';
import { jobAdsJob } from './job-ads';
import { organisationImportJob } from './organisation-import';

/** Every job of this build, configured; the scheduler and the command line run them from here. */
export function createJobs(config: JobsConfig): Job[] {
  const source = sourceSettings(config);
  return [
    jobAdsJob({ source: { baseUrl: config.JOBTECH_BASE_URL, apiKey: config.JOBTECH_API_KEY, ...source } }),
    fundingCallsJob({ baseUrl: config.VINNOVA_BASE_URL, source }),
    organisationImportJob,
    funderReportJob,
  ];
}
