// Runs `npm ci` unless node_modules already holds exactly what package-lock.json says: npm writes
// node_modules/.package-lock.json at the end of every install, so a copy newer than both
// package.json and package-lock.json means nothing changed since. Saves the install (and the
// network) on every Maven build after the first; `--force` (or UCV_NPM_CI=always) always installs.
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const mtime = (file) => {
  try {
    return statSync(join(root, file)).mtimeMs;
  } catch {
    return null;
  }
};

const installed = mtime('node_modules/.package-lock.json');
const lock = mtime('package-lock.json');
const manifest = mtime('package.json');
const force = process.argv.includes('--force') || process.env.UCV_NPM_CI === 'always';
if (!force && installed !== null && lock !== null && installed >= lock && installed >= manifest) {
  console.log('frontend: node_modules is up to date with package-lock.json; npm ci skipped');
  process.exit(0);
}
const windows = process.platform === 'win32';
const result = spawnSync(windows ? 'npm.cmd' : 'npm', ['ci', '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', shell: windows });
if (result.error) {
  console.error(`frontend: cannot run npm: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
