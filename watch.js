// `npm run watch`: esbuild rebuilds the bundle on every change while `tsc --noEmit --watch`
// type-checks beside it (esbuild strips types without checking them). Ctrl+C, or either one
// ending, stops both.
const { spawn } = require('child_process');
const path = require('path');

const tsc = path.join(__dirname, 'node_modules', 'typescript', 'bin', 'tsc');
const children = [
  spawn(process.execPath, [path.join(__dirname, 'esbuild.js'), '--watch'], { stdio: 'inherit' }),
  spawn(process.execPath, [tsc, '-p', __dirname, '--noEmit', '--watch', '--preserveWatchOutput'], { stdio: 'inherit' }),
];

function stopAll(code) {
  process.exitCode ||= code;
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill();
    }
  }
}

for (const child of children) {
  child.once('exit', (code) => stopAll(code ?? 0));
}
process.once('SIGINT', () => stopAll(130));
process.once('SIGTERM', () => stopAll(143));
