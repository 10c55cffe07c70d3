// The lock file installs on the hub's runtime as it is: `npm ci` on Node 20 warns of no package wanting another Node.
import { spawnSync } from 'node:child_process';
import { repoRoot } from '../src/paths';

describe('package-lock.json', () => {
  it('installs with npm ci on Node 20 without an engine warning', () => {
    expect(process.versions.node.split('.')[0]).toBe('20');
    // a dry run resolves the whole locked tree and checks every package's engines, and writes nothing
    const run = spawnSync('npm', ['ci', '--dry-run', '--no-audit', '--no-fund'], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(`${run.stdout}${run.stderr}`).not.toContain('EBADENGINE');
  });
});
