import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineSplitter, ListSplitter } from '../../../src/cluster/json-stream.js';

const list = {
  kind: 'ServiceList',
  apiVersion: 'v1',
  metadata: { resourceVersion: '42', continue: 'tok"en\\x' },
  items: [
    { metadata: { name: 'a', annotations: { note: 'braces } ] { [ and "quotes" and \\ backslash' } }, spec: { ports: [{ port: 80 }] } },
    { metadata: { name: 'ünïcødé-名前-🚀' }, spec: {} },
    { metadata: { name: 'c' }, spec: { items: [{ nested: true }] } },
  ],
};

function splitAt(buf: Buffer, size: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size));
  return out;
}

describe('ListSplitter', () => {
  it('emits each item and the envelope, whatever the chunk boundaries (even inside UTF-8 sequences)', () => {
    const body = Buffer.from(JSON.stringify(list, null, 1));
    for (const size of [1, 2, 3, 7, 64, body.length]) {
      const items: unknown[] = [];
      const s = new ListSplitter((i) => items.push(i));
      for (const c of splitAt(body, size)) s.push(c);
      const env = s.end();
      assert.deepEqual(items, list.items, `chunk size ${size}`);
      assert.deepEqual(env.metadata, list.metadata);
      assert.equal(env.kind, 'ServiceList');
      assert.equal(s.itemCount, 3);
    }
  });

  it('handles items before metadata and empty lists', () => {
    const items: unknown[] = [];
    const s = new ListSplitter((i) => items.push(i));
    s.push(Buffer.from('{"items":[],"metadata":{"resourceVersion":"7"}}'));
    assert.equal(s.end().metadata?.resourceVersion, '7');
    assert.equal(items.length, 0);
    const t = new ListSplitter((i) => items.push(i));
    t.push(Buffer.from('{"items":null,"metadata":{}}'));
    assert.deepEqual(t.end().metadata, {});
  });

  it('a truncated body is an error, not a short list', () => {
    const s = new ListSplitter(() => undefined);
    s.push(Buffer.from('{"metadata":{},"items":[{"metadata":{"name":"a"}}'));
    assert.throws(() => s.end(), /truncated/);
  });
});

describe('LineSplitter', () => {
  it('parses newline-delimited events across chunks', () => {
    const events = [{ type: 'ADDED', object: { metadata: { name: 'x' } } }, { type: 'BOOKMARK', object: { metadata: { resourceVersion: '9' } } }];
    const body = Buffer.from(events.map((e) => JSON.stringify(e)).join('\n') + '\n');
    for (const size of [1, 5, body.length]) {
      const got: unknown[] = [];
      const s = new LineSplitter((v) => got.push(v));
      for (const c of splitAt(body, size)) s.push(c);
      s.end();
      assert.deepEqual(got, events);
    }
  });
});

describe('ListSplitter escapes (randomised against JSON.parse)', () => {
  it('quotes and backslash runs split at every position agree with JSON.parse', () => {
    let seed = 7;
    const rnd = (n: number): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const alphabet = ['\\', '"', 'a', '}', ']', '{', '[', ',', 'é', '\n'];
    for (let round = 0; round < 200; round++) {
      const str = Array.from({ length: rnd(12) }, () => alphabet[rnd(alphabet.length)] ?? '').join('');
      const doc = { metadata: { continue: str }, items: [{ metadata: { name: str, [str]: [str] } }, { s: `${str}\\` }] };
      const body = Buffer.from(JSON.stringify(doc));
      const items: unknown[] = [];
      const s = new ListSplitter((i) => items.push(i));
      for (const c of splitAt(body, 1 + rnd(5))) s.push(c);
      assert.deepEqual(s.end().metadata, doc.metadata);
      assert.deepEqual(items, doc.items);
    }
  });
});
