import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { describe, expect, it } from 'vitest';
import { graphProblem } from './graph';

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

    it('maps each error naming a field to its message', () => {
      const error = new CombinedGraphQLErrors({
        data: null,
        errors: [
          { message: 'The name is required.', extensions: { code: 'BAD_USER_INPUT', field: 'input.name' } },
          { message: 'Not a valid e-mail address.', extensions: { code: 'BAD_USER_INPUT', field: 'input.email' } },
          { message: 'Something else.', extensions: { code: 'BAD_USER_INPUT' } },
        ],
      });
      expect(graphProblem(error)).toEqual({
        code: 'BAD_USER_INPUT',
        fields: { 'input.name': 'The name is required.', 'input.email': 'Not a valid e-mail address.' },
      });
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
