// Checks that could not run: one entry per ID in the report, and <skipped/> testcases in JUnit.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { toJunit } from '../../../src/cli/output/junit.js';
import { deployment, dump, ofKind, run, service, snap, withSlices } from '../checks/fixtures/build.js';

const web = (): ReturnType<typeof deployment> => {
  const d = deployment('shop', 'web', { app: 'web' });
  return [...d, ...withSlices(service('shop', 'web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] }), ofKind(d, 'Pod'))];
};

describe('skipped checks', () => {
  it('an ID two checks emit is listed once, with both reasons', () => {
    // a dump of Services only: neither EndpointSlices nor the legacy Endpoints are in it
    const r = run(dump(web().filter((o) => o.kind === 'Service')));
    const orphan = r.skipped.filter((x) => x.id === 'eps.orphan');
    assert.equal(orphan.length, 1);
    assert.equal(orphan[0]?.reason, 'EndpointSlice not in the input; Endpoints not in the input');
    assert.equal(new Set(r.skipped.map((x) => x.id)).size, r.skipped.length);
  });
  it('an ID another check did run is only partly skipped', () => {
    const r = run(snap(web(), { Endpoints: { state: 'forbidden' } }));
    assert.deepEqual(r.skipped.find((x) => x.id === 'eps.orphan')?.reason, 'partly checked: Endpoints forbidden by RBAC');
    assert.equal(r.skipped.find((x) => x.id === 'eps.over-capacity')?.reason, 'Endpoints forbidden by RBAC');
  });
});

describe('junit <skipped/>', () => {
  it('one skipped testcase per skipped check, the reason escaped, counted in the totals', () => {
    const s = snap(web(), { Pod: { state: 'failed', message: 'proxy said <html> & "502"' } });
    const r = run(s);
    const xml = toJunit(s, r, ['error']);
    assert.match(xml, /<testcase classname="check" name="svc.selector-no-pods">\n {6}<skipped message="Pod failed: proxy said &lt;html&gt; &amp; &quot;502&quot;"\/>\n {4}<\/testcase>/);
    assert.equal(xml.match(/<skipped /g)?.length, r.skipped.length);
    assert.match(xml, new RegExp(`<testsuite name="skipped checks" tests="${r.skipped.length}" failures="0" skipped="${r.skipped.length}">`));
    assert.match(xml, new RegExp(`<testsuites name="kexplore" tests="\\d+" failures="\\d+" skipped="${r.skipped.length}">`));
    assert.equal(xml.match(/<testcase /g)?.length, xml.match(/<\/testcase>/g)?.length);
  });
});
