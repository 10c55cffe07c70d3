import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayClient, GatewayRefusal } from './index';

let server: Server;
let url: string;
/** What the fake gateway answers next. */
let answer: unknown;

beforeAll(async () => {
  server = createServer((request, response) => {
    request.resume();
    request.on('end', () => response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function refusal(): Promise<GatewayRefusal> {
  const error = await createGatewayClient(url, 'token').request('{ x }').then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(GatewayRefusal);
  return error as GatewayRefusal;
}

describe('the gateway client', () => {
  it('keeps each error’s code, field and the hub’s Swedish and English wording', async () => {
    answer = {
      data: null,
      errors: [
        { message: 'must not be empty', extensions: { code: 'BAD_USER_INPUT', field: 'input.name', texts: { sv: 'får inte vara tomt', en: 'must not be empty' } } },
        { message: 'Not allowed', extensions: { code: 'FORBIDDEN' } },
        { message: 'Odd', extensions: { code: 'BAD_USER_INPUT', texts: { sv: 42 } } },
      ],
    };
    expect((await refusal()).errors).toEqual([
      { message: 'must not be empty', code: 'BAD_USER_INPUT', field: 'input.name', texts: { sv: 'får inte vara tomt', en: 'must not be empty' } },
      { message: 'Not allowed', code: 'FORBIDDEN' },
      // a wording that is not two texts is left out
      { message: 'Odd', code: 'BAD_USER_INPUT' },
    ]);
  });
});
