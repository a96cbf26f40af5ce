// npm test's formatting step. package.json config.formatCheckInTest can switch it off for a while
// when a large branch must land before it is reformatted; it is on since the whole-tree reformat.
// What is checked is Prettier's own scope: .prettierrc.json and .prettierignore.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const { config } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
if (config?.formatCheckInTest === true) {
  try {
    execFileSync('npm', ['run', '--silent', 'format:check'], { stdio: 'inherit' });
  } catch {
    process.exitCode = 1; // Prettier has listed the files
  }
} else {
  console.log('format check: off in npm test until the reformat commit (package.json config.formatCheckInTest)');
}
