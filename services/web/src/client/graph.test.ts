import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { graphProblem, placeRefusals, wordingIn } from './graph';

function serverError(status: number, bodyText: string): ServerError {
  return new ServerError('Response not successful', { response: new Response(bodyText, { status }), bodyText });
}

describe('graphProblem', () => {
  describe('on the graph’s errors', () => {
    it('gives the first error’s code', () => {
      const error = new CombinedGraphQLErrors({
        errors: [
          { message: 'Not allowed', extensions: { code: 'FORBIDDEN' } },
          { message: 'Missing', extensions: { code: 'NOT_FOUND' } },
        ],
      });
      expect(graphProblem(error)).toEqual({ code: 'FORBIDDEN', fields: {} });
    });

    it('gives each error naming a field its wording in both languages, or its message where the graph gave none', () => {
      const error = new CombinedGraphQLErrors({
        data: null,
        errors: [
          { message: 'At most 200 characters', extensions: { code: 'BAD_USER_INPUT', field: 'input.name', texts: { sv: 'Högst 200 tecken', en: 'At most 200 characters' } } },
          { message: 'Not a valid e-mail address.', extensions: { code: 'BAD_USER_INPUT', field: 'input.email' } },
          { message: 'Something else.', extensions: { code: 'BAD_USER_INPUT' } },
        ],
      });
      expect(graphProblem(error)).toEqual({
        code: 'BAD_USER_INPUT',
        fields: {
          'input.name': { sv: 'Högst 200 tecken', en: 'At most 200 characters' },
          'input.email': { sv: 'Not a valid e-mail address.', en: 'Not a valid e-mail address.' },
        },
        reason: { sv: 'Högst 200 tecken', en: 'At most 200 characters' },
      });
    });

    it('gives each of the fields a refusal names the same wording, and keeps the first error’s wording as the reason', () => {
      const texts = { sv: 'En publicerad insats behöver det här ifyllt: behov, form', en: 'A published offering needs these filled in: needs, format' };
      const error = new CombinedGraphQLErrors({ errors: [{ message: texts.en, extensions: { code: 'BAD_USER_INPUT', field: 'needs', fields: ['needs', 'format'], texts } }] });
      expect(graphProblem(error)).toEqual({ code: 'BAD_USER_INPUT', fields: { needs: texts, format: texts }, reason: texts });
    });

    it('falls back to INTERNAL_SERVER_ERROR when the first error has no code', () => {
      expect(graphProblem(new CombinedGraphQLErrors({ errors: [{ message: 'Boom' }] })).code).toBe('INTERNAL_SERVER_ERROR');
      expect(graphProblem(new CombinedGraphQLErrors({ errors: [] })).code).toBe('INTERNAL_SERVER_ERROR');
    });
  });

  describe('on an HTTP error', () => {
    it('gives the code in a GraphQL body', () => {
      const body = JSON.stringify({ errors: [{ message: 'Slow down', extensions: { code: 'RATE_LIMITED' } }] });
      expect(graphProblem(serverError(429, body))).toEqual({ code: 'RATE_LIMITED', fields: {} });
    });

    it('gives HTTP_<status> when the body is not JSON', () => {
      expect(graphProblem(serverError(502, '<html>Bad Gateway</html>'))).toEqual({ code: 'HTTP_502', fields: {} });
    });

    it('gives HTTP_<status> when the JSON body has no code', () => {
      expect(graphProblem(serverError(500, JSON.stringify({ errors: [{ message: 'Boom' }] }))).code).toBe('HTTP_500');
      expect(graphProblem(serverError(503, JSON.stringify({ status: 'down' }))).code).toBe('HTTP_503');
      expect(graphProblem(serverError(504, 'null')).code).toBe('HTTP_504');
      expect(graphProblem(serverError(401, '')).code).toBe('HTTP_401');
    });
  });

  describe('on anything else', () => {
    it.each([
      ['a failed fetch', new TypeError('Failed to fetch')],
      ['a plain error', new Error('offline')],
      ['a string', 'oops'],
      ['null', null],
      ['undefined', undefined],
      ['a look-alike object', { errors: [{ message: 'x', extensions: { code: 'FORBIDDEN' } }] }],
    ])('gives NETWORK for %s', (_name, error) => {
      expect(graphProblem(error)).toEqual({ code: 'NETWORK', fields: {} });
    });
  });
});

describe('wordingIn', () => {
  it('speaks English to those who chose it and Swedish to everyone else', () => {
    const wording = { sv: 'Okänd kommun', en: 'Unknown municipality' };
    expect(wordingIn(wording, 'en')).toBe('Unknown municipality');
    expect(wordingIn(wording, 'en-GB')).toBe('Unknown municipality');
    expect(wordingIn(wording, 'sv')).toBe('Okänd kommun');
  });

  it('begins a refusal worded as a clause with a capital, as a sentence shown alone does', () => {
    expect(wordingIn({ sv: 'åtgärden är redan gjord', en: 'already done' }, 'sv')).toBe('Åtgärden är redan gjord');
  });
});

describe('placeRefusals', () => {
  const refusal = (...fields: string[]) =>
    new CombinedGraphQLErrors({ errors: fields.map((field) => ({ message: `${field} refused`, extensions: { code: 'BAD_USER_INPUT', field, texts: { sv: `Fältet ${field} godtas inte`, en: `Field ${field} refused` } } })) });
  const fieldOf = (path: string) => ({ 'input.name': 'name', 'input.name.sv': 'name', 'input.link': 'link' } as Record<string, string>)[path];

  it('puts each refusal beside the field it concerns, the first one where two concern the same field', () => {
    expect(placeRefusals(refusal('input.name', 'input.link', 'input.name.sv'), fieldOf, 'sv')).toEqual({ errors: { name: 'Fältet input.name godtas inte', link: 'Fältet input.link godtas inte' }, unplaced: false });
  });

  it('leaves the form’s problem unplaced when a refusal concerns no field of the form, or none at all', () => {
    expect(placeRefusals(refusal('input.name', 'offeringId'), fieldOf, 'en')).toEqual({ errors: { name: 'Field input.name refused' }, unplaced: true });
    expect(placeRefusals(new CombinedGraphQLErrors({ errors: [{ message: 'Not allowed', extensions: { code: 'FORBIDDEN' } }] }), fieldOf, 'sv')).toEqual({ errors: {}, unplaced: true });
    expect(placeRefusals(new TypeError('Failed to fetch'), fieldOf, 'sv')).toEqual({ errors: {}, unplaced: true });
  });

  it('has nothing to place before anything failed', () => {
    expect(placeRefusals(null, fieldOf, 'sv')).toEqual({ errors: {}, unplaced: false });
  });
});
