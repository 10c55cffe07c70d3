export { externalInfrastructure, parseBrokers, withDatabase } from './external';
export { cacheDir } from './paths';
export type { InfrastructureEndpoints } from './external';
export {
  DEV_PORTS,
  STATE_FILE_NAME,
  infrastructureStatus,
  provisionInfrastructure,
  readState,
  restartServer,
  startInfrastructure,
  startKafkaBroker,
  stopInfrastructure,
  stopKafkaBroker,
} from './infrastructure';
export type { InfrastructureOptions, InfrastructureState, RestartableServer, RunningInfrastructure, ServerStatus } from './infrastructure';
