import { Schema, type Connection, type InferSchemaType, type Model, type Types } from 'mongoose';
import { JOB_NAMES, RUN_COUNTS } from '../application/job';
import { RUN_STATUSES, RUN_TRIGGERS } from '../domain/job-run';

const countsSchema = new Schema(Object.fromEntries(RUN_COUNTS.map((name) => [name, { type: Number, required: true, default: 0 }])), { _id: false });

/** One run of one job: when, how it went, what it counted and rejected, and where its cursor stood before and after. */
const jobRunSchema = new Schema(
  {
    job: { type: String, enum: JOB_NAMES, required: true },
    trigger: { type: String, enum: RUN_TRIGGERS, required: true },
    status: { type: String, enum: RUN_STATUSES, required: true },
    startedAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
    counts: { type: countsSchema, required: true },
    /**
     * The first REJECTED_KEPT rejected items; `counts.rejected` counts them all. The reason in English, its Swedish
     * beside it (runs recorded before there was Swedish have none).
     */
    rejected: {
      type: [new Schema({ item: { type: String, required: true }, reason: { type: String, required: true }, reasonSv: { type: String } }, { _id: false })],
      default: [],
    },
    /** Why the run failed, in words an operator can act on: English, and its Swedish beside it (none in older runs). */
    error: { type: String, default: null },
    errorSv: { type: String, default: null },
    cursorBefore: { type: String, default: null },
    cursorAfter: { type: String, default: null },
    options: { type: [new Schema({ name: { type: String, required: true }, value: { type: String, required: true } }, { _id: false })], default: [] },
  },
  { timestamps: false, strict: 'throw', versionKey: false },
);
jobRunSchema.index({ startedAt: 1 });

/** Where each job resumes; `_id` is the job name. Written only after a batch has been applied in full. */
const jobCursorSchema = new Schema(
  {
    _id: { type: String, enum: JOB_NAMES, required: true },
    value: { type: String, required: true },
    committedAt: { type: Date, required: true },
  },
  { timestamps: false, strict: 'throw', versionKey: false },
);

/**
 * At most one run per job at a time, across processes: `_id` is the job name, so taking the lock is an insert
 * that fails atomically when it is held. The holder refreshes `heartbeatAt`; a lock whose holder went silent
 * (a killed process) is taken over after a while.
 */
const jobLockSchema = new Schema(
  {
    _id: { type: String, enum: JOB_NAMES, required: true },
    runId: { type: String, required: true },
    heartbeatAt: { type: Date, required: true },
  },
  { timestamps: false, strict: 'throw', versionKey: false },
);

export type JobRunDocument = InferSchemaType<typeof jobRunSchema> & { _id: Types.ObjectId };
export type JobCursorDocument = InferSchemaType<typeof jobCursorSchema>;
export type JobLockDocument = InferSchemaType<typeof jobLockSchema>;

export interface JobsModels {
  runs: Model<JobRunDocument>;
  cursors: Model<JobCursorDocument>;
  locks: Model<JobLockDocument>;
}

export function registerModels(connection: Connection): JobsModels {
  return {
    runs: connection.model<JobRunDocument>('JobRun', jobRunSchema, 'job_runs'),
    cursors: connection.model<JobCursorDocument>('JobCursor', jobCursorSchema, 'job_cursors'),
    locks: connection.model<JobLockDocument>('JobLock', jobLockSchema, 'job_locks'),
  };
}
