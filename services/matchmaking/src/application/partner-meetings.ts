import { hasRole, type HubClaims } from '@hub/shared/auth';
import { MeetingScheduled } from '@hub/shared/contracts';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@hub/shared/errors';
import { findByIds, parseObjectId, withAggregateLock, type Page } from '@hub/shared/mongo';
import { pageAmong, pageOf } from '@hub/shared/search';
import type { OutboxNudge } from '@hub/shared/messaging';
import { MAX_REQUESTS_PER_PARTICIPANT, MAX_SLOTS, schedule, validateRequests, type ScheduledMeeting, type UnmetRequest } from '../domain/scheduling';
import { hotQueries } from '../infrastructure/hot-queries';
import type { MatchmakingModels, PartnerMeetingDocument } from '../infrastructure/models';
import { outboxEntry } from './event-sink';
import type { NeedsApplication } from './needs';

const MAX_PARTICIPANTS = 500;
const MAX_TABLES = 1000;
const MAX_NAME = 200;

export interface PartnerMeetingInput {
  name: string;
  projectId?: string | null;
  slots: number;
  tablesPerSlot?: number | null;
}

interface MeetingChange {
  participants?: string[];
  requests?: Array<{ from: string; to: string }>;
  meetings?: ScheduledMeeting[];
  unmet?: UnmetRequest[];
  scheduledAt?: Date;
}

export type PartnerMeeting = Omit<PartnerMeetingDocument, 'outbox' | 'revision'> & { id: string };

function toMeeting(doc: PartnerMeetingDocument): PartnerMeeting {
  const { outbox: _o, revision: _r, ...rest } = doc;
  return { ...rest, id: doc._id.toHexString() };
}

/** A sort key that orders later times first: the milliseconds left until the latest time a Date holds. */
function newestFirst(at: Date): string {
  return String(LATEST_TIME - at.getTime()).padStart(17, '0');
}
const LATEST_TIME = 8.64e15;

/**
 * Partner-meeting events (North Business Arena's matchmaking days): an organiser (a municipal office or a support
 * organisation) invites companies, each asks to meet some of the others, and the schedule meets as many requests
 * as the slots and tables allow without double-booking anyone.
 */
export class PartnerMeetingsApplication {
  constructor(
    private readonly models: MatchmakingModels,
    private readonly needs: NeedsApplication,
    private readonly outbox: OutboxNudge,
  ) {}

  async create(claims: HubClaims, input: PartnerMeetingInput): Promise<PartnerMeeting> {
    if (!hasRole(claims, 'partner-staff', 'municipal-staff') || !claims.organisationId) {
      throw new ForbiddenError({ en: 'Partner meetings are organised by the staff of an organisation', sv: 'Partnermöten ordnas av personal hos en organisation' });
    }
    const name = input.name.trim();
    if (name.length === 0 || name.length > MAX_NAME) throw new ValidationError({ en: `A name has 1 to ${MAX_NAME} characters`, sv: `Ett namn har 1 till ${MAX_NAME} tecken` }, 'input.name');
    if (!Number.isInteger(input.slots) || input.slots < 1 || input.slots > MAX_SLOTS) throw new ValidationError({ en: `Slots are 1 to ${MAX_SLOTS}`, sv: `Antalet pass är 1 till ${MAX_SLOTS}` }, 'input.slots');
    const tables = input.tablesPerSlot ?? null;
    if (tables !== null && (!Number.isInteger(tables) || tables < 1 || tables > MAX_TABLES)) throw new ValidationError({ en: `Tables per slot are 1 to ${MAX_TABLES}, or none for unlimited`, sv: `Bord per pass är 1 till ${MAX_TABLES}, eller inget för obegränsat` }, 'input.tablesPerSlot');
    let projectId: string | null = null;
    if (input.projectId) {
      projectId = input.projectId.toLowerCase();
      if (!(await this.models.projects.exists(hotQueries.projectFactsById.filter(projectId)))) throw new ValidationError({ en: `Unknown project ${input.projectId}`, sv: `Okänt projekt ${input.projectId}` }, 'input.projectId');
    }
    const doc = await this.models.partnerMeetings.create({ name, organiserId: claims.organisationId, projectId, slots: input.slots, tablesPerSlot: tables });
    return toMeeting(doc.toObject() as PartnerMeetingDocument);
  }

  /** The organiser, the participants' own staff and admins; null for others and unknown ids alike. */
  async byId(claims: HubClaims, id: string): Promise<PartnerMeeting | null> {
    const doc = await this.models.partnerMeetings.findOne(hotQueries.partnerMeetingById.filter(parseObjectId(id)), { outbox: 0 }).lean<PartnerMeetingDocument>();
    if (!doc) return null;
    // the staff of the organiser and of the participants; another role is not shown it even with their organisation
    const staff = hasRole(claims, 'partner-staff', 'municipal-staff');
    const participant = staff && claims.organisationId !== undefined && doc.participants.includes(claims.organisationId);
    return claims.roles.includes('admin') || (staff && claims.organisationId === doc.organiserId) || participant ? toMeeting(doc) : null;
  }

  /**
   * The meetings the caller's organisation organises, newest first (admins: every meeting). A participant's staff
   * open theirs by id: a participant is one of a list, which FerretDB reads only in full.
   */
  async list(claims: HubClaims, first: number, after: string | null | undefined): Promise<Page<PartnerMeeting>> {
    if (!hasRole(claims, 'partner-staff', 'municipal-staff')) throw new ForbiddenError({ en: 'Partner meetings are for the staff of their organisers', sv: 'Partnermöten är till för personalen hos de organisationer som ordnar dem' });
    const organised = (filter: Record<string, unknown>) => this.models.partnerMeetings.find(filter, { createdAt: 1 }).lean<Array<Pick<PartnerMeetingDocument, '_id' | 'createdAt'>>>();
    // staff of no organisation organise none
    const created = claims.roles.includes('admin') ? await organised({}) : claims.organisationId ? await organised(hotQueries.partnerMeetingsOrganisedBy.filter(claims.organisationId)) : [];
    const ids = await pageAmong(created, (doc) => ({ id: doc._id.toHexString(), sortKey: newestFirst(doc.createdAt) }), { first, after });
    const page = await pageOf(ids, (found) => findByIds<PartnerMeetingDocument>(this.models.partnerMeetings, found, { outbox: 0 }));
    return { ...page, items: page.items.map(toMeeting) };
  }

  async addParticipants(claims: HubClaims, id: string, companyIds: readonly string[]): Promise<PartnerMeeting> {
    const ids = companyIds.map((companyId, index) => this.needs.requireCompany(companyId, `companyIds.${index}`).id);
    return this.change(claims, id, 'organiser', (doc) => {
      const participants = [...new Set([...doc.participants, ...ids])];
      if (participants.length > MAX_PARTICIPANTS) throw new ValidationError({ en: `At most ${MAX_PARTICIPANTS} participants`, sv: `Högst ${MAX_PARTICIPANTS} deltagare` }, 'companyIds');
      return { participants };
    });
  }

  /** Replaces what one participant asked for: most wanted first. */
  async request(claims: HubClaims, id: string, companyId: string, withCompanyIds: readonly string[]): Promise<PartnerMeeting> {
    const from = companyId.toLowerCase();
    const wanted = withCompanyIds.map((other) => other.toLowerCase());
    if (wanted.length > MAX_REQUESTS_PER_PARTICIPANT) throw new ValidationError({ en: `At most ${MAX_REQUESTS_PER_PARTICIPANT} requests`, sv: `Högst ${MAX_REQUESTS_PER_PARTICIPANT} mötesönskemål` }, 'withCompanyIds');
    const self = wanted.indexOf(from);
    if (self >= 0) throw new ValidationError({ en: 'A participant cannot request a meeting with itself', sv: 'En deltagare kan inte önska ett möte med sig själv' }, `withCompanyIds.${self}`);
    return this.change(claims, id, from, (doc) => {
      if (!doc.participants.includes(from)) throw new ValidationError({ en: `${companyId} does not take part in this event`, sv: `${companyId} deltar inte i det här partnermötet` }, 'companyId');
      const requests = [...doc.requests.filter((r) => r.from !== from), ...wanted.map((to) => ({ from, to }))];
      try {
        validateRequests(doc.participants, requests);
      } catch (error) {
        if (error instanceof ValidationError) throw new ValidationError(error.texts, 'withCompanyIds');
        throw error;
      }
      return { requests };
    });
  }

  async schedule(claims: HubClaims, id: string, correlationId: string): Promise<PartnerMeeting> {
    return this.change(
      claims,
      id,
      'organiser',
      (doc) => {
        const made = schedule({ participants: doc.participants, requests: doc.requests.map((r) => ({ from: r.from, to: r.to })), slots: doc.slots, tablesPerSlot: doc.tablesPerSlot ?? null });
        return { meetings: made.meetings, unmet: made.unmet, scheduledAt: new Date() };
      },
      (doc, set) =>
        outboxEntry(
          MeetingScheduled,
          doc._id.toHexString(),
          { partnerMeetingId: doc._id.toHexString(), meetings: (set.meetings ?? []).map((m) => ({ slot: m.slot, companyIds: [m.a, m.b] as [string, string] })) },
          correlationId,
        ),
    );
  }

  /**
   * One write under the meeting's lock. `who` is 'organiser' when only the organiser (or an admin) may make the
   * change, or the participant whose own staff may make it too.
   */
  private async change(
    claims: HubClaims,
    id: string,
    who: 'organiser' | string,
    plan: (doc: PartnerMeetingDocument) => MeetingChange,
    event?: (doc: PartnerMeetingDocument, set: MeetingChange) => ReturnType<typeof outboxEntry>,
  ): Promise<PartnerMeeting> {
    const _id = parseObjectId(id);
    const entry = await withAggregateLock(this.models.partnerMeetings, _id, async () => {
      const doc = await this.models.partnerMeetings.findOne(hotQueries.partnerMeetingById.filter(_id), { outbox: 0 }).lean<PartnerMeetingDocument>();
      if (!doc) throw new NotFoundError({ en: `No partner meeting with id ${id}`, sv: `Det finns inget partnermöte med id ${id}` }, 'id');
      const organiser = claims.roles.includes('admin') || (hasRole(claims, 'partner-staff', 'municipal-staff') && claims.organisationId === doc.organiserId);
      const participantSelf = who !== 'organiser' && hasRole(claims, 'partner-staff') && claims.organisationId === who;
      if (!organiser && !participantSelf) {
        throw new ForbiddenError(
          who === 'organiser'
            ? { en: 'Only the organiser may do this', sv: 'Bara arrangören får göra detta' }
            : { en: "Only the organiser or the participant's own staff may ask for its meetings", sv: 'Bara arrangören eller deltagarens egen personal får önska möten för deltagaren' },
        );
      }
      const set = plan(doc);
      const appended = event?.(doc, set);
      // the lock serialises writers; the revision check guards against one that went around it
      const result = await this.models.partnerMeetings.updateOne(
        hotQueries.partnerMeetingAtRevision.filter(_id, doc.revision),
        { $set: set, $inc: { revision: 1 }, ...(appended ? { $push: { outbox: appended } } : {}) },
      );
      if (result.modifiedCount !== 1) throw new ConflictError({ en: 'The partner meeting was changed by someone else at the same time; try again', sv: 'Partnermötet ändrades av någon annan samtidigt; försök igen' });
      return appended;
    });
    if (entry) this.outbox.nudge(this.models.partnerMeetings, [_id]);
    const stored = await this.models.partnerMeetings.findOne(hotQueries.partnerMeetingById.filter(_id), { outbox: 0 }).lean<PartnerMeetingDocument>();
    return toMeeting(stored!);
  }
}
