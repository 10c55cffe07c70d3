import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { collectGarbageWhenRested } from '../src/graphql';

// A keep-alive client (the gateway's pool to its subgraphs, a browser on the IDE) must not hold a stopping
// process open until its connection times out, nor get another request served on it.
describe('stopOnSignals', () => {
  let child: ChildProcessWithoutNullStreams;
  let output = '';
  let port: number;
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });

  beforeEach(async () => {
    output = '';
    child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'fixtures', 'slow-server.ts')], { stdio: 'pipe' });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    while (!/^\d+\n/.test(output)) await once(child.stdout, 'data');
    port = Number(output.split('\n')[0]);
  });

  afterEach(() => {
    agent.destroy();
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });

  function get(pathname: string): Promise<{ body: string; connection: string | undefined }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: pathname, agent }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => resolve({ body, connection: res.headers.connection }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('answers the request in flight with Connection: close and exits at once, not after the keep-alive timeout', async () => {
    expect(await get('/fast')).toEqual({ body: 'fast', connection: 'keep-alive' });
    const inFlight = get('/slow');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const signalled = Date.now();
    child.kill('SIGTERM');
    expect(await inFlight).toEqual({ body: 'slow', connection: 'close' });
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(output).toContain('stopped');
    // the 300 ms answer and the stop; the keep-alive timeout alone would be 5 s
    expect(Date.now() - signalled).toBeLessThan(2000);
  });

  it('exits at once with only idle keep-alive connections open', async () => {
    expect((await get('/fast')).connection).toBe('keep-alive');
    const signalled = Date.now();
    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(2000);
  });
});

describe('collectGarbageWhenRested', () => {
  /** The heap sizes a fixture process prints once a second for `seconds`. */
  async function heapSizes(nodeArgs: string[], seconds: number): Promise<number[]> {
    const child = spawn(process.execPath, [...nodeArgs, '--import', 'tsx', path.join(__dirname, 'fixtures', 'resting-process.ts')], { stdio: 'pipe' });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    try {
      while (output.split('\n').length <= seconds) await once(child.stdout, 'data');
      return output.trim().split('\n').map(Number);
    } finally {
      child.kill('SIGKILL');
    }
  }

  it('gives back the heap a busy spell grew once the process rests, when gc is exposed', async () => {
    const [first, ...later] = await heapSizes(['--expose-gc'], 4);
    expect(Math.min(...later)).toBeLessThan(first! / 2);
  });

  // In this process: whether V8 shrinks a heap by itself within seconds depends on the machine's load.
  it('does nothing without --expose-gc', () => {
    const global = globalThis as { gc?: () => void };
    const exposed = global.gc;
    jest.useFakeTimers();
    try {
      delete global.gc;
      collectGarbageWhenRested({ checkMs: 300 });
      expect(jest.getTimerCount()).toBe(0);
      global.gc = jest.fn();
      collectGarbageWhenRested({ checkMs: 300 });
      expect(jest.getTimerCount()).toBe(1);
    } finally {
      jest.useRealTimers();
      if (exposed) global.gc = exposed;
      else delete global.gc;
    }
  });
});
