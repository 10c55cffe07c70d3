import { useQuery } from '@apollo/client/react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../auth/AuthContext';
import { graphql } from '../graphql';

const WHERE = graphql(`
  query SignedInPlace($organisationId: ID!, $municipalityCode: ID!, $withOrganisation: Boolean!, $withMunicipality: Boolean!) {
    organisation(id: $organisationId) @include(if: $withOrganisation) {
      id
      name
    }
    municipality(code: $municipalityCode) @include(if: $withMunicipality) {
      code
      name
    }
  }
`);

/** Who is signed in, with which role and for which organisation or municipality; and the way out. */
export function WhoIsSignedIn() {
  const { t } = useTranslation();
  const { user, signIn, signOut } = useAuth();
  const { data } = useQuery(WHERE, {
    skip: !user || (!user.organisationId && !user.municipalityCode),
    variables: {
      organisationId: user?.organisationId ?? '',
      municipalityCode: user?.municipalityCode ?? '',
      withOrganisation: Boolean(user?.organisationId),
      withMunicipality: Boolean(user?.municipalityCode),
    },
  });
  if (!user) {
    return (
      <Button className="primary" onPress={() => void signIn()}>
        {t('auth.signIn')}
      </Button>
    );
  }
  const place = data?.organisation?.name ?? data?.municipality?.name;
  return (
    <div className="who">
      <p>
        <span className="who-name">{t('auth.signedInAs', { name: user.name })}</span>
        <span>
          {t('auth.role', { role: user.roles.map((role) => t(`roles.${role}`)).join(', ') })}
          {place && ` ${t('auth.for', { place })}`}
        </span>
      </p>
      <Button onPress={() => void signOut()}>{t('auth.signOut')}</Button>
    </div>
  );
}
