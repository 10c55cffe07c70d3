import { Types } from 'mongoose';
import type mongoose from 'mongoose';
import type { HubClaims } from '@hub/shared/auth';
import { TOPICS } from '@hub/shared/contracts';
import { createLogger } from '@hub/shared/logging';
import { createKafka, ensureTopics, OutboxRelay } from '@hub/shared/messaging';
import { connectMongo, createIndexes } from '@hub/shared/mongo';
import { collectEvents, testEndpoints, uniqueDbUrl, uniqueName } from '@hub/infra/testkit';

export { waitFor } from '@hub/infra/testkit';
import { EnrolmentsApplication, type EnrolmentLookups } from '../src/application/enrolments';
import type { IndicatorScope } from '../src/domain/indicators';
import type { OfferingSnapshot, OrganisationFacts } from '../src/domain/enrolment';
import { enrolmentOutboxModels, registerEnrolmentModels, type EnrolmentModels } from '../src/infrastructure/enrolment-models';

export const newId = (): string => new Types.ObjectId().toHexString();

export const MALA = '2418';
export const ARJEPLOG = '2506';
export const ALMI_NORD = newId();

export const admin: HubClaims = { sub: 'test-admin', roles: ['admin'] };
export const publicCaller: HubClaims = { sub: 'anonymous', roles: ['public'] };
export const almiStaff: HubClaims = { sub: 'almi-adviser', roles: ['partner-staff'], organisationId: ALMI_NORD };
export const municipalOffice = (code: string): HubClaims => ({ sub: `office-${code}`, roles: ['municipal-staff'], municipalityCode: code, organisationId: `office-${code}` });
export const companyStaff = (companyId: string): HubClaims => ({ sub: `staff-${companyId}`, roles: ['partner-staff'], organisationId: companyId });

/**
 * The lookups the service's own read models answer in production, here plain maps the test fills: inputs to the
 * code under test. Everything else is real: FerretDB, Kafka, the outbox relay.
 */
export class TestDirectory implements EnrolmentLookups {
  readonly offerings = new Map<string, OfferingSnapshot>();
  readonly organisations = new Map<string, OrganisationFacts>();

  async offering(id: string): Promise<OfferingSnapshot | null> {
    return this.offerings.get(id) ?? null;
  }

  async organisation(id: string): Promise<OrganisationFacts | null> {
    return this.organisations.get(id) ?? null;
  }

  async offeringsIn(scope: IndicatorScope): Promise<OfferingSnapshot[]> {
    return [...this.offerings.values()].filter(
      (o) => (scope.offeringId === undefined || o.id === scope.offeringId) && (scope.projectId === undefined || o.projectId === scope.projectId),
    );
  }

  addOffering(overrides: Partial<OfferingSnapshot> = {}): OfferingSnapshot {
    const offering: OfferingSnapshot = {
      id: newId(),
      providerId: ALMI_NORD,
      projectId: null,
      status: 'published',
      capacity: 10,
      applicationDeadline: '2099-12-31',
      municipalityCodes: [MALA],
      sessions: [{ id: 's1', startsAt: '2020-09-10T15:00:00Z' }],
      ...overrides,
    };
    this.offerings.set(offering.id, offering);
    return offering;
  }

  addCompany(municipalityCode = MALA, overrides: Partial<OrganisationFacts> = {}): OrganisationFacts {
    const company: OrganisationFacts = { id: newId(), kind: 'company', municipalityCode, status: 'active', ...overrides };
    this.organisations.set(company.id, company);
    return company;
  }
}

export interface EnrolmentKit {
  connection: mongoose.Connection;
  models: EnrolmentModels;
  relay: OutboxRelay;
  directory: TestDirectory;
  enrolments: EnrolmentsApplication;
  /** A second application on its own connection: another replica writing the same database. */
  replica(): Promise<EnrolmentsApplication>;
  stop(): Promise<void>;
}

export async function startEnrolmentKit(prefix: string): Promise<EnrolmentKit> {
  const logger = createLogger(`${prefix}-test`, process.env.TEST_LOG_LEVEL ?? 'silent');
  const url = uniqueDbUrl(prefix);
  const connection = await connectMongo(url, logger);
  const models = registerEnrolmentModels(connection);
  await createIndexes(connection);
  const kafka = createKafka({ brokers: testEndpoints().kafkaBrokers, clientId: uniqueName(prefix), logger });
  await ensureTopics(kafka, [TOPICS.offerings, TOPICS.deadLetter]);
  const relay = new OutboxRelay({ kafka, models: enrolmentOutboxModels(models), logger });
  await relay.start();
  const directory = new TestDirectory();
  const replicas: mongoose.Connection[] = [];
  return {
    connection,
    models,
    relay,
    directory,
    enrolments: new EnrolmentsApplication(models, relay, directory),
    replica: async () => {
      const other = await connectMongo(url, logger);
      replicas.push(other);
      return new EnrolmentsApplication(registerEnrolmentModels(other), relay, directory);
    },
    stop: async () => {
      await relay.stop();
      await Promise.all(replicas.map((c) => c.close()));
      await connection.close();
    },
  };
}

/** Every enrolment-side event of the offerings topic, from its beginning. */
export function collectOfferingEvents(prefix: string) {
  return collectEvents(prefix, TOPICS.offerings, ['EnrolmentCreated', 'EnrolmentWithdrawn', 'EnrolmentPromoted', 'AttendanceRecorded', 'OutcomeRecorded']);
}
