import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createInstance, type i18n as I18n } from 'i18next';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it, vi } from 'vitest';
import { en } from '../i18n/en';
import type { Language } from '../i18n';
import { sv } from '../i18n/sv';
import { Problem } from './Problem';

async function i18nFor(language: Language): Promise<I18n> {
  const instance = createInstance();
  await instance.init({
    resources: { sv: { translation: sv }, en: { translation: en } },
    lng: language,
    fallbackLng: 'sv',
    interpolation: { escapeValue: false },
  });
  return instance;
}

async function renderProblem(language: Language, error: unknown, onRetry?: () => void) {
  const i18n = await i18nFor(language);
  return render(
    <I18nextProvider i18n={i18n}>
      <Problem error={error} onRetry={onRetry} />
    </I18nextProvider>,
  );
}

function graphError(code: string): CombinedGraphQLErrors {
  return new CombinedGraphQLErrors({ errors: [{ message: `failed with ${code}`, extensions: { code } }] });
}

describe('Problem', () => {
  it('tells a Swedish reader their role may not do this', async () => {
    await renderProblem('sv', graphError('FORBIDDEN'));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Något gick fel: Din roll får inte göra detta.');
    expect(alert.textContent).not.toContain('failed with');
  });

  it('tells an English reader the same in English', async () => {
    await renderProblem('en', graphError('FORBIDDEN'));
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toBe('Something went wrong: Your role may not do this.');
    expect(alert.textContent).not.toContain('Din roll');
  });

  it('says the service’s own reason, where it gave one, in the reader’s language', async () => {
    const texts = { sv: 'En återtagen anmälan kan inte återtas igen', en: 'A withdrawn enrolment cannot be withdrawn again' };
    const refused = new CombinedGraphQLErrors({ errors: [{ message: texts.en, extensions: { code: 'CONFLICT', texts } }] });
    await renderProblem('sv', refused);
    expect(screen.getByRole('alert').textContent).toBe('Något gick fel: En återtagen anmälan kan inte återtas igen');
  });

  it.each([
    ['UNAUTHENTICATED', 'Du behöver logga in igen.'],
    ['NOT_FOUND', 'Det du söker finns inte.'],
    ['BAD_USER_INPUT', 'Uppgiften är inte giltig.'],
    ['RATE_LIMITED', 'För många förfrågningar; vänta en stund.'],
  ])('gives the text for %s', async (code, text) => {
    await renderProblem('sv', graphError(code));
    expect(screen.getByRole('alert').textContent).toContain(text);
  });

  it('names an unknown code in the general text', async () => {
    await renderProblem('sv', graphError('TEAPOT'));
    expect(screen.getByRole('alert').textContent).toContain('Hubben kunde inte svara (TEAPOT).');
  });

  it('names an unknown code in English too', async () => {
    await renderProblem('en', graphError('TEAPOT'));
    expect(screen.getByRole('alert').textContent).toContain('The hub could not answer (TEAPOT).');
  });

  it('names the HTTP status when the gateway answered without a code', async () => {
    const bodyText = '<html>Bad Gateway</html>';
    await renderProblem('sv', new ServerError('Bad Gateway', { response: new Response(bodyText, { status: 502 }), bodyText }));
    expect(screen.getByRole('alert').textContent).toContain('Hubben kunde inte svara (HTTP_502).');
  });

  it('says the hub does not answer when the request never got there', async () => {
    await renderProblem('sv', new TypeError('Failed to fetch'));
    expect(screen.getByRole('alert').textContent).toContain('Hubben svarar inte just nu. Det du skrivit finns kvar; försök igen.');
  });

  it('tries again when the retry button is pressed', async () => {
    const onRetry = vi.fn();
    const user = userEvent.setup();
    await renderProblem('sv', graphError('FORBIDDEN'), onRetry);
    const button = screen.getByRole('button', { name: 'Försök igen' });
    expect(onRetry).not.toHaveBeenCalled();
    await user.click(button);
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('labels the retry button in English', async () => {
    await renderProblem('en', new Error('offline'), () => undefined);
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('offers no button without a way to try again', async () => {
    await renderProblem('sv', graphError('FORBIDDEN'));
    expect(screen.getByRole('alert')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
