import { useQuery } from '@apollo/client/react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Problem } from '../components/Problem';
import { appendingPage, ShowMore } from '../components/ShowMore';
import { formatDateTime, formatNumber } from '../format';
import { graphql } from '../graphql';
import type { Language } from '../i18n';

export const ORGANISED_MEETINGS = graphql(`
  query OrganisedMeetings($first: Int, $after: String) {
    partnerMeetings(first: $first, after: $after) {
      nodes {
        id
        name
        createdAt
        scheduledAt
        participants {
          id
        }
      }
      pageInfo {
        endCursor
        hasNextPage
      }
    }
  }
`);

/** The partner meetings the signed-in person's organisation organises, newest first, each linked to its page. */
export function OrganisedMeetings() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  // participants and schedules change on each meeting's page: the list is asked again whenever it is shown
  const meetings = useQuery(ORGANISED_MEETINGS, { variables: { first: 20 }, fetchPolicy: 'cache-and-network' });
  const shown = meetings.data ?? meetings.previousData;
  const nodes = shown?.partnerMeetings.nodes ?? [];

  return (
    <section aria-labelledby="organised-meetings">
      <h2 id="organised-meetings">{t('meetings.listTitle')}</h2>
      {meetings.error && <Problem error={meetings.error} onRetry={() => void meetings.refetch()} />}
      {meetings.loading && !shown && <p role="status">{t('app.loading')}</p>}
      {shown && nodes.length === 0 && <p>{t('meetings.noneOrganised')}</p>}
      {nodes.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption className="visually-hidden">{t('meetings.listTitle')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('meetings.name')}</th>
                <th scope="col">{t('meetings.created')}</th>
                <th scope="col">{t('meetings.participants')}</th>
                <th scope="col">{t('meetings.status')}</th>
              </tr>
            </thead>
            <tbody>
              {nodes.map((meeting) => (
                <tr key={meeting.id}>
                  <th scope="row">
                    <Link to={`/meetings/${meeting.id}`}>{meeting.name}</Link>
                  </th>
                  <td>{formatDateTime(meeting.createdAt, language)}</td>
                  <td>{formatNumber(meeting.participants.length, language)}</td>
                  <td>{meeting.scheduledAt ? t('meetings.scheduledOn', { at: formatDateTime(meeting.scheduledAt, language) }) : t('meetings.unscheduled')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ShowMore
        connection={shown?.partnerMeetings}
        label={t('catalogue.more')}
        onMore={(after) => void meetings.fetchMore({ variables: { after }, updateQuery: appendingPage('partnerMeetings') })}
      />
    </section>
  );
}
