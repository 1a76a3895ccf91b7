// Shared helpers for the offline tests: fixture paths (works from test/ and dist/test/) and temp files.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../../src/cluster/source-types.js';

function findFixtures(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = join(dir, 'test', 'fixtures');
    if (existsSync(join(candidate, 'shop-cluster.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('test/fixtures not found');
}

export const FIXTURES = findFixtures();
export const fixture = (name: string): string => join(FIXTURES, name);

export async function tempDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'kexplore-offline-'));
}

/** Write files into a fresh temp dir; returns the dir. */
export async function tempFiles(files: Record<string, string>): Promise<string> {
  const dir = await tempDir();
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

/** The promise rejects with a one-line UserError whose message matches every pattern. */
export async function rejectsUserError(p: Promise<unknown>, ...patterns: RegExp[]): Promise<string> {
  try {
    await p;
  } catch (err) {
    assert.ok(err instanceof UserError, `expected a UserError, got ${String(err)}`);
    assert.ok(!err.message.includes('\n'), `message must be one line: ${JSON.stringify(err.message)}`);
    for (const re of patterns) assert.match(err.message, re);
    return err.message;
  }
  assert.fail('expected a rejection');
}
