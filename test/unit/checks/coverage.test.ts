// Every finding ID the catalog judges from objects has a check that claims it, and no check
// claims an ID the catalog does not know (typos would silently never match root-cause order).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CATALOG } from '../../../src/checks/catalog/index.js';

const listed = readFileSync(fileURLToPath(new URL('../../../../test/unit/checks/catalog-ids.txt', import.meta.url)), 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'));
const claimed = new Set(CATALOG.flatMap((c) => c.ids));

describe('catalog coverage', () => {
  it('lists the catalog table', () => {
    assert.ok(listed.length >= 120, `${listed.length} ids`);
  });
  it('every catalog ID judged from objects is claimed by a check', () => {
    assert.deepEqual(listed.filter((id) => !claimed.has(id)), []);
  });
  it('every ID a check claims is in the catalog', () => {
    assert.deepEqual([...claimed].filter((id) => !listed.includes(id)), []);
  });
});
