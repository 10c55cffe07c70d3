import express from 'express';
import { logSecurityEvent, type Logger } from '@hub/shared/logging';
import type { UserDirectory } from '../domain/directory';
import type { SignInThrottle } from '../domain/sign-in-throttle';
import type { OidcProvider } from '../provider';
import { clientName, loginPage } from './pages';

export interface InteractionDependencies {
  provider: () => OidcProvider;
  directory: UserDirectory;
  throttle: SignInThrottle;
  logger: Logger;
}


/**
 * The sign-in step of the provider's interactions. Wrong passwords are slowed down per username and address, and
 * per address alone (a spray over many usernames), with the wait answered as 429 and Retry-After.
 */
export function interactionRoutes({ provider, directory, throttle, logger }: InteractionDependencies): express.Router {
  const router = express.Router();
  router.use('/interaction', (_req, res, next) => {
    res.set('cache-control', 'no-store');
    next();
  });

  router.get('/interaction/:uid', async (req, res, next) => {
    try {
      const details = await provider().interactionDetails(req, res);
      if (details.prompt.name === 'consent') {
        // every client is the hub's own: a client that asks again (prompt=consent) is granted what it asks for
        const grantId = await grantRequested(provider(), details);
        await provider().interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
        return;
      }
      res.type('html').send(loginPage({ uid: details.uid, clientName: clientName(String(details.params.client_id)) }));
    } catch (error) {
      next(error);
    }
  });

  router.post('/interaction/:uid/login', express.urlencoded({ extended: false, limit: '4kb' }), async (req, res, next) => {
    try {
      const details = await provider().interactionDetails(req, res);
      const name = clientName(String(details.params.client_id));
      const body = req.body as { username?: unknown; password?: unknown };
      const username = typeof body.username === 'string' ? body.username.trim().toLowerCase().slice(0, 100) : '';
      const password = typeof body.password === 'string' ? body.password.slice(0, 200) : '';
      const client = req.ip ?? 'unknown';
      const keys = [`user:${username}|${client}`, `address:${client}`];

      const waitMs = Math.max(...keys.map((key) => throttle.retryAfterMs(key)));
      if (waitMs > 0) {
        const seconds = Math.ceil(waitMs / 1000);
        logSecurityEvent(logger, { kind: 'rate-limited', reason: 'sign-in attempts too frequent', client });
        res.status(429).set('retry-after', String(seconds)).type('html').send(
          loginPage({
            uid: details.uid,
            clientName: name,
            username,
            error: { sv: `För många misslyckade inloggningar. Försök igen om ${seconds} s.`, en: `Too many failed sign-ins. Try again in ${seconds} s.` },
          }),
        );
        return;
      }

      const user = directory.authenticate(username, password);
      if (!user) {
        for (const key of keys) throttle.recordFailure(key);
        logSecurityEvent(logger, { kind: 'sign-in-failed', reason: 'wrong username or password', client });
        res.status(401).type('html').send(
          loginPage({ uid: details.uid, clientName: name, username, error: { sv: 'Fel användarnamn eller lösenord.', en: 'Wrong username or password.' } }),
        );
        return;
      }
      throttle.recordSuccess(keys[0]!);
      logger.info({ subject: user.sub, client }, 'signed in');
      await provider().interactionFinished(req, res, { login: { accountId: user.sub } }, { mergeWithLastSubmission: false });
    } catch (error) {
      next(error);
    }
  });
  return router;
}

type InteractionDetails = Awaited<ReturnType<OidcProvider['interactionDetails']>>;

async function grantRequested(provider: OidcProvider, details: InteractionDetails): Promise<string> {
  const accountId = details.session?.accountId;
  const clientId = String(details.params.client_id);
  const grant = (details.grantId ? await provider.Grant.find(details.grantId) : undefined) ?? new provider.Grant({ accountId, clientId });
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
  if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
  if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
  for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
  return grant.save();
}
