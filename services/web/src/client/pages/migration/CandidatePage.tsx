import { useMutation, useQuery } from '@apollo/client/react';
import type { ReactNode } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useAuth } from '../../auth/AuthContext';
import { mayUse } from '../../auth/permissions';
import { Problem } from '../../components/Problem';
import { usePageTitle } from '../../components/usePageTitle';
import { formatDateTime, formatLanguageName } from '../../format';
import { graphql } from '../../graphql';
import type { Language } from '../../i18n';
import { CaseCard } from './CaseCard';
import { ConsentSection } from './ConsentSection';
import { formErrors } from './form-errors';
import { Matches } from './Matches';
import { useMunicipalityName } from './useMunicipalityName';

const CANDIDATE = graphql(`
  query CandidatePage($id: ID!) {
    candidate(id: $id) {
      id
      name
      email
      phone
      currentLocation
      occupations {
        code
        label
      }
      skills
      languages
      household {
        partnerOccupation {
          code
          label
        }
        childrenAges
      }
      wishes {
        municipalities {
          code
          name
        }
        housingType
        moveFrom
      }
      ...CandidateConsents
      sharedFields
      registeredAt
      cases {
        ...CaseFields
      }
    }
  }
`);

const OPEN_CASE = graphql(`
  mutation OpenCase($candidateId: ID!, $municipalityCode: ID!) {
    openCase(candidateId: $candidateId, municipalityCode: $municipalityCode) {
      ...CaseFields
    }
  }
`);

export function CandidatePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { id = '' } = useParams();
  const { user } = useAuth();
  const { data, error, loading, refetch } = useQuery(CANDIDATE, { variables: { id } });
  const candidate = data?.candidate;
  usePageTitle(candidate?.name ?? t('migration.candidates.title'));

  if (error) return <Problem error={error} onRetry={() => void refetch()} />;
  if (loading) return <p role="status">{t('app.loading')}</p>;
  if (!candidate) {
    return (
      <section>
        <h1>{t('migration.candidate.notFound')}</h1>
        <Link to="/candidates">{t('migration.candidate.back')}</Link>
      </section>
    );
  }
  const notGiven = t('migration.candidate.notGiven');
  const { household, wishes } = candidate;
  return (
    <article aria-labelledby="candidate-name">
      <p>
        <Link to="/candidates">{t('migration.candidate.back')}</Link>
      </p>
      <h1 id="candidate-name">{candidate.name}</h1>
      {mayUse(user, 'privacy') && (
        <p>
          <Link to={`/privacy?person=${candidate.id}`}>{t('migration.candidate.privacyLink', { name: candidate.name })}</Link>
        </p>
      )}
      <section aria-labelledby="profile">
        <h2 id="profile">{t('migration.candidate.profile')}</h2>
        <dl className="facts">
          <Fact term={t('migration.candidate.personId')}>{candidate.id}</Fact>
          <Fact term={t('migration.candidates.currentLocation')}>{candidate.currentLocation}</Fact>
          <Fact term={t('migration.candidate.email')}>{candidate.email ?? notGiven}</Fact>
          <Fact term={t('migration.candidate.phone')}>{candidate.phone ?? notGiven}</Fact>
          <Fact term={t('migration.candidates.occupations')}>{candidate.occupations.map((occupation) => occupation.label).join(', ')}</Fact>
          <Fact term={t('migration.candidate.skills')}>{candidate.skills.join(', ') || notGiven}</Fact>
          <Fact term={t('migration.candidate.languages')}>{candidate.languages.map((code) => formatLanguageName(code, language)).join(', ') || notGiven}</Fact>
          <Fact term={t('migration.candidate.partnerOccupation')}>{household.partnerOccupation?.label ?? notGiven}</Fact>
          <Fact term={t('migration.candidate.childrenAges')}>{household.childrenAges.join(', ') || t('migration.candidate.noChildren')}</Fact>
          <Fact term={t('migration.candidates.wishedMunicipalities')}>{wishes.municipalities.map((municipality) => municipality.name).join(', ')}</Fact>
          <Fact term={t('migration.candidate.housingType')}>{t(`enums.HousingType.${wishes.housingType}`)}</Fact>
          <Fact term={t('migration.candidate.moveFrom')}>{wishes.moveFrom ?? notGiven}</Fact>
          <Fact term={t('migration.candidate.sharedFields')}>
            {candidate.sharedFields.map((field) => t(`enums.SharedField.${field}`)).join(', ') || t('migration.candidate.nothingShared')}
          </Fact>
          <Fact term={t('migration.candidates.registeredAt')}>{formatDateTime(candidate.registeredAt, language)}</Fact>
        </dl>
      </section>
      <ConsentSection candidate={candidate} />
      <section aria-labelledby="cases">
        <h2 id="cases">{t('migration.cases.title')}</h2>
        {candidate.cases.length === 0 && <p>{t('migration.cases.none')}</p>}
        {candidate.cases.map((inMigrationCase) => (
          <CaseCard key={inMigrationCase.id} inMigrationCase={inMigrationCase} />
        ))}
        {user?.roles.includes('migration-officer') && user.municipalityCode && !candidate.cases.some((c) => c.municipality.code === user.municipalityCode) && (
          <OpenCase candidateId={candidate.id} municipalityCode={user.municipalityCode} />
        )}
      </section>
      <Matches candidateId={candidate.id} />
    </article>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A case in the officer's own municipality, for a candidate who has none there yet. */
function OpenCase({ candidateId, municipalityCode }: { candidateId: string; municipalityCode: string }) {
  const { t, i18n } = useTranslation();
  const place = useMunicipalityName(municipalityCode) ?? municipalityCode;
  const [openCase, { error, loading }] = useMutation(OPEN_CASE, { refetchQueries: ['CandidatePage'], awaitRefetchQueries: true });
  const errors = formErrors(error, ['candidateId', 'municipalityCode'], i18n.language);
  const open = () => void openCase({ variables: { candidateId, municipalityCode } });
  const refusal = errors.inputs.candidateId ?? errors.inputs.municipalityCode;
  return (
    <div className="case-action">
      <Button className="primary" isDisabled={loading} onPress={open}>
        {t('migration.cases.open', { place })}
      </Button>
      {refusal && (
        <p className="field-error" role="alert">
          {refusal}
        </p>
      )}
      {errors.general && <Problem error={error} onRetry={open} />}
    </div>
  );
}
