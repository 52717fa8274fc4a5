// Every HTML file of the built site passes the Nu HTML Checker (vnu), in one run.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { test } from 'node:test';
import { site } from './helpers.js';

const require = createRequire(import.meta.url);
// vnu-jar exports the path of vnu.jar. Its own launcher may download a Java runtime, so the
// jar is run with the system's `java` instead.
const jar = String(require('vnu-jar'));

test('the Nu HTML checker finds no errors in the built site', async () => {
  const dir = site();
  const { code, output } = await new Promise((resolve, reject) => {
    execFile('java', ['-Xss8m', '-jar', jar, '--errors-only', '--skip-non-html', dir],
      { maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code: error ? error.code : 0, output: (stdout + stderr).trim() });
      });
  });
  const errors = output.split('\n').filter(Boolean).map((line) => line.replace(`file:${dir}/`, ''));
  assert.equal(code, 0, `vnu reported ${errors.length} error(s):\n${errors.join('\n')}`);
  assert.equal(output, '', `vnu printed:\n${output}`);
});
