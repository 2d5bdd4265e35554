export { jobsRoutes } from './jobs.routes.js'
export {
  type ClaimedJob,
  createJobRunner,
  DEFAULT_LEASE_MS,
  DEFAULT_POLL_MS,
  type JobHandler,
  type JobHandlers,
  type JobResult,
  type JobRunContext,
  type JobRunner,
  type JobRunnerOptions,
  type JobWorkers,
  LeaseLost,
  type RunOutcome,
  startJobWorkers,
} from './jobs.runner.js'
export { JobError, JobPayloadRefs, JobState, JobView } from './jobs.schema.js'
export { type EnqueueJob, enqueueJob, readJob, toJobView } from './jobs.service.js'
