// The runtime settings every service starts with: a node given them must start, with the heap limit they name and
// gc exposed (collectGarbageWhenRested).
import { execFileSync } from 'node:child_process';
import { nodeRuntimeEnv } from '../src/node-runtime';

describe('infra/node-runtime.env', () => {
  it('starts node with the old-generation limit it names, and gc exposed', () => {
    const env = nodeRuntimeEnv();
    const limitMiB = Number(/--max-old-space-size=(\d+)/.exec(env.NODE_OPTIONS ?? '')?.[1]);
    expect(limitMiB).toBeGreaterThan(0);
    // an option node does not accept in NODE_OPTIONS makes it exit with an error, and execFileSync throw
    const [heapLimit, gc] = execFileSync(process.execPath, ['-e', 'process.stdout.write(`${require("node:v8").getHeapStatistics().heap_size_limit} ${typeof gc}`)'], {
      env: { PATH: process.env.PATH ?? '', ...env },
      encoding: 'utf8',
    }).split(' ');
    expect(gc).toBe('function');
    // the heap limit is the old generation's plus the young generation's few MiB
    expect(Number(heapLimit) / 2 ** 20).toBeGreaterThanOrEqual(limitMiB);
    expect(Number(heapLimit) / 2 ** 20).toBeLessThan(limitMiB + 64);
  });
});
