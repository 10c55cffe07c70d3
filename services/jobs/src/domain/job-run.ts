export const RUN_STATUSES = ['running', 'succeeded', 'failed'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** What started a run: a cron schedule of the jobs process, the `hub` command line, or a request through the graph. */
export const RUN_TRIGGERS = ['schedule', 'cli'] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];

/** A run record keeps this many rejected items (enough to see what went wrong) and counts the rest. */
export const REJECTED_KEPT = 200;

