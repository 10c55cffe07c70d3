import { ApolloProvider } from '@apollo/client/react';
import { lazy, Suspense, useMemo, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createBrowserRouter, RouterProvider } from 'react-router';
import { useAuth } from './auth/AuthContext';
import { Layout } from './components/Layout';
import { createGraphClient } from './graph';
import { Callback } from './pages/Callback';
import { Welcome } from './pages/Welcome';

// each page's code is loaded when it is first shown, so the first page needs only the shell
const Catalogue = lazy(() => import('./pages/Catalogue').then((module) => ({ default: module.Catalogue })));
const OfferingPage = lazy(() => import('./pages/OfferingPage').then((module) => ({ default: module.OfferingPage })));
const Directory = lazy(() => import('./pages/Directory').then((module) => ({ default: module.Directory })));
const OrganisationPage = lazy(() => import('./pages/OrganisationPage').then((module) => ({ default: module.OrganisationPage })));
const ReferralsSent = lazy(() => import('./pages/ReferralsSent').then((module) => ({ default: module.ReferralsSent })));
const ReferralsInbox = lazy(() => import('./pages/ReferralsInbox').then((module) => ({ default: module.ReferralsInbox })));
const MeetingPlanner = lazy(() => import('./pages/MeetingPlanner').then((module) => ({ default: module.MeetingPlanner })));
const PartnerMeetingPage = lazy(() => import('./pages/PartnerMeetingPage').then((module) => ({ default: module.PartnerMeetingPage })));
const OurOfferings = lazy(() => import('./pages/OurOfferings').then((module) => ({ default: module.OurOfferings })));
const OfferingEditor = lazy(() => import('./pages/OfferingEditor').then((module) => ({ default: module.OfferingEditor })));
const OfferingEnrolments = lazy(() => import('./pages/OfferingEnrolments').then((module) => ({ default: module.OfferingEnrolments })));
const Companies = lazy(() => import('./pages/Companies').then((module) => ({ default: module.Companies })));
const CompanyPage = lazy(() => import('./pages/CompanyPage').then((module) => ({ default: module.CompanyPage })));
// the dashboards bring the chart library: it loads with them, never with the first page
const Dashboards = lazy(() => import('./pages/Dashboards').then((module) => ({ default: module.Dashboards })));
const JobRuns = lazy(() => import('./pages/JobRuns').then((module) => ({ default: module.JobRuns })));
const JobRunPage = lazy(() => import('./pages/JobRunPage').then((module) => ({ default: module.JobRunPage })));
const Candidates = lazy(() => import('./pages/migration/Candidates').then((module) => ({ default: module.Candidates })));
const CandidatePage = lazy(() => import('./pages/migration/CandidatePage').then((module) => ({ default: module.CandidatePage })));
const ReceivingCapacity = lazy(() => import('./pages/migration/ReceivingCapacity').then((module) => ({ default: module.ReceivingCapacity })));
const Privacy = lazy(() => import('./pages/migration/Privacy').then((module) => ({ default: module.Privacy })));

/** Pages that ask the graph: the welcome page for whoever is not signed in. */
function SignedIn({ children }: { children: ReactNode }) {
  const { user } = useAuth();
  const { t } = useTranslation();
  if (!user) return <Welcome />;
  return <Suspense fallback={<p role="status">{t('app.loading')}</p>}>{children}</Suspense>;
}

const router = createBrowserRouter([
  {
    element: <Layout />,
    children: [
      { path: '/callback', element: <Callback /> },
      { path: '/', element: <SignedIn><Catalogue /></SignedIn> },
      { path: '/offerings/:id', element: <SignedIn><OfferingPage /></SignedIn> },
      { path: '/organisations', element: <SignedIn><Directory /></SignedIn> },
      { path: '/organisations/:id', element: <SignedIn><OrganisationPage /></SignedIn> },
      { path: '/referrals/sent', element: <SignedIn><ReferralsSent /></SignedIn> },
      { path: '/referrals/inbox', element: <SignedIn><ReferralsInbox /></SignedIn> },
      { path: '/meetings', element: <SignedIn><MeetingPlanner /></SignedIn> },
      { path: '/meetings/:id', element: <SignedIn><PartnerMeetingPage /></SignedIn> },
      { path: '/our-offerings', element: <SignedIn><OurOfferings /></SignedIn> },
      { path: '/our-offerings/new', element: <SignedIn><OfferingEditor /></SignedIn> },
      { path: '/our-offerings/:id', element: <SignedIn><OfferingEditor /></SignedIn> },
      { path: '/our-offerings/:id/enrolments', element: <SignedIn><OfferingEnrolments /></SignedIn> },
      { path: '/companies', element: <SignedIn><Companies /></SignedIn> },
      { path: '/companies/:id', element: <SignedIn><CompanyPage /></SignedIn> },
      { path: '/dashboards', element: <SignedIn><Dashboards /></SignedIn> },
      { path: '/jobs', element: <SignedIn><JobRuns /></SignedIn> },
      { path: '/jobs/:id', element: <SignedIn><JobRunPage /></SignedIn> },
      { path: '/candidates', element: <SignedIn><Candidates /></SignedIn> },
      { path: '/candidates/:id', element: <SignedIn><CandidatePage /></SignedIn> },
      { path: '/receiving-capacity', element: <SignedIn><ReceivingCapacity /></SignedIn> },
      { path: '/privacy', element: <SignedIn><Privacy /></SignedIn> },
    ],
  },
]);

export function App({ graphqlUrl }: { graphqlUrl: string }) {
  const { accessToken } = useAuth();
  const client = useMemo(() => createGraphClient(graphqlUrl, accessToken), [graphqlUrl, accessToken]);
  return (
    <ApolloProvider client={client}>
      <RouterProvider router={router} />
    </ApolloProvider>
  );
}
