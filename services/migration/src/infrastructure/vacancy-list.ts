import { TOPICS, VacancyClosed, VacancyPublished, VacancyUpdated } from '@hub/shared/contracts';
import type { Logger } from '@hub/shared/logging';
import type { Kafka } from '@hub/shared/messaging';
import { findByIds } from '@hub/shared/mongo';
import { IndexFollower, Interner, MemoryIndex, type Indexed } from '@hub/shared/search';
import type { VacancyStatus } from '../domain/vacancy';
import type { MigrationModels, VacancyDocument } from './models';

/** What the vacancy lists filter and sort on; titles and descriptions stay in the database. */
export interface ListedVacancy {
  id: string;
  employerId: string;
  municipalityCode: string;
  occupationCode: string;
  status: VacancyStatus;
  publishedAt: string;
}

const LISTED_FACTS = { employerId: 1, municipalityCode: 1, occupationCode: 1, status: 1, publishedAt: 1 } as const;
type ListedFacts = Pick<VacancyDocument, '_id' | keyof typeof LISTED_FACTS>;

/**
 * Every vacancy, open and closed, as the lists show them (oldest published first), in this replica's memory:
 * filled from what the service loads at start, updated by its own writes at once and by the other replicas'
 * events as they arrive.
 */
export class VacancyList {
  readonly index = new MemoryIndex<ListedVacancy, 'published'>({ published: (vacancy) => vacancy.publishedAt });
  private readonly follower: IndexFollower;
  /** Employers, codes and statuses many vacancies repeat, held once rather than decoded anew per vacancy. */
  private readonly shared = new Interner();

  constructor(
    private readonly models: MigrationModels,
    follow: { kafka: Kafka; groupPrefix: string; logger: Logger },
  ) {
    const refresh = async (ids: string[]) => this.index.refresh(ids, (await findByIds<VacancyDocument, ListedFacts>(this.models.vacancies, ids, LISTED_FACTS)).map((doc) => this.listed(doc)));
    this.follower = new IndexFollower({
      ...follow,
      topic: TOPICS.migration,
      refreshers: { [VacancyPublished.type]: refresh, [VacancyUpdated.type]: refresh, [VacancyClosed.type]: refresh },
    });
  }

  /** Runs `load` (which fills this list with `fill`) and then follows the other replicas' writes from that moment. */
  start(load: () => Promise<void>): Promise<void> {
    return this.follower.start(load);
  }

  fill(vacancies: readonly ListedFacts[]): Promise<void> {
    return this.index.load(vacancies, (doc) => this.listed(doc));
  }

  /** This replica's own write, shown at once; its events then need no re-read when they come back. */
  written(vacancies: ListedVacancy[], eventIds: string[]): void {
    for (const vacancy of vacancies) this.index.upsert({ item: this.compact(vacancy), text: '' });
    this.follower.wroteHere(eventIds);
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }

  private listed(doc: ListedFacts): Indexed<ListedVacancy> {
    const { employerId, municipalityCode, occupationCode, status, publishedAt } = doc;
    return { item: this.compact({ id: doc._id.toHexString(), employerId, municipalityCode, occupationCode, status, publishedAt }), text: '' };
  }

  private compact(vacancy: ListedVacancy): ListedVacancy {
    const { shared } = this;
    return { ...vacancy, employerId: shared.value(vacancy.employerId), municipalityCode: shared.value(vacancy.municipalityCode), occupationCode: shared.value(vacancy.occupationCode), status: shared.value(vacancy.status) };
  }
}
