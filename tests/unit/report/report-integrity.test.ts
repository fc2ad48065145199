import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { collectReport } from '../../../electron/report/collect-report.js';
import { canonicalJson, integrityOf } from '../../../electron/report/report-integrity.js';
import { renderJson } from '../../../electron/report/render-json.js';
import { reportNow, sampleRecords, vaultOf } from './sample-vault.js';

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

describe('canonical JSON (RFC 8785 for the values a report holds)', () => {
  it('sorts members by UTF-16 code units at every depth and drops whitespace', () => {
    // RFC 8785 §3.2.3's ordering example: "\r" < "1" < "\u0080" < "\u00f6" < "\u20ac" < "\ud83d\ude00" < "\ufb33".
    const value = {
      '\u20ac': 'Euro',
      '\r': 'CR',
      '\ufb33': 'Hebrew',
      '1': 'One',
      '\ud83d\ude00': 'Smiley',
      '\u0080': 'Control',
      '\u00f6': 'Latin',
    };
    expect(canonicalJson(value)).toBe(
      '{"\\r":"CR","1":"One","\u0080":"Control","\u00f6":"Latin","\u20ac":"Euro","\ud83d\ude00":"Smiley","\ufb33":"Hebrew"}',
    );
    expect(canonicalJson({ b: [3, { z: null, a: true }], a: 'x' })).toBe('{"a":"x","b":[3,{"a":true,"z":null}]}');
  });

  it('is the same text whatever order the members were written in', () => {
    expect(canonicalJson({ a: 1, b: { c: 2, d: 3 } })).toBe(canonicalJson({ b: { d: 3, c: 2 }, a: 1 }));
  });
});

describe('the integrity line of a JSON report', () => {
  const report = () => collectReport(vaultOf(sampleRecords()), reportNow, {}, { machine: 'ana-laptop', person: 'Ana' });

  it('is the SHA-256 of the canonical report without itself, recomputable outside Lapse', () => {
    const written = JSON.parse(renderJson(report())) as Record<string, unknown>;
    const { integrity, ...content } = written;
    expect(integrity).toBe(`sha256:${sha256(canonicalJson(content))}`);
    // The same check a person could run with any JSON tool that sorts keys (here: Node, from scratch).
    const sortedDeep = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(sortedDeep)
        : v && typeof v === 'object'
          ? Object.fromEntries(
              Object.keys(v)
                .sort()
                .map((k) => [k, sortedDeep((v as Record<string, unknown>)[k])]),
            )
          : v;
    expect(integrity).toBe(`sha256:${sha256(JSON.stringify(sortedDeep(content)))}`);
  });

  it("is the last member of the file, so it reads as the report's last line", () => {
    const lines = renderJson(report()).trimEnd().split('\n');
    expect(lines.at(-2)).toMatch(/^ {2}"integrity": "sha256:[0-9a-f]{64}"$/);
  });

  it('changes with any edit to the content — a status, a label, a count — and not with reformatting', () => {
    const original = JSON.parse(renderJson(report())) as Record<string, unknown> & {
      tokens: { status: string }[];
      machine: string;
    };
    const reformatted = JSON.parse(JSON.stringify(original, null, 8)) as typeof original;
    expect(integrityOf(reformatted)).toBe(original['integrity']);
    const edits: ((r: typeof original) => void)[] = [
      (r) => ((r.tokens[0] as { status: string }).status = 'healthy'),
      (r) => (r.machine = 'someone-else'),
      (r) => ((r['summary'] as { tokenCount: number }).tokenCount += 1),
      (r) => r.tokens.pop(),
    ];
    for (const edit of edits) {
      const copy = structuredClone(original);
      edit(copy);
      expect(integrityOf(copy)).not.toBe(original['integrity']);
    }
  });
});

describe('report versions', () => {
  const checkedIn = (name: string) =>
    JSON.parse(fs.readFileSync(new URL(`../../../shared/report/${name}`, import.meta.url), 'utf8')) as object;
  const validatorOf = (schema: object) => {
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats.default(ajv);
    return ajv.compile(schema);
  };

  it('writes version 2 with person and integrity; version 1 stays published (report.v1.schema.json) and a v2 report is not a v1 one', () => {
    const written = JSON.parse(renderJson(collectReport(vaultOf(sampleRecords()), reportNow))) as Record<
      string,
      unknown
    >;
    expect(written).toMatchObject({ reportVersion: 2, machine: null, person: null });
    const v1 = validatorOf(checkedIn('report.v1.schema.json'));
    expect(v1(written)).toBe(false);
    // Version 2 is version 1 plus what came after it: without person and integrity, and without the
    // policy keys and statuses added since (refresh windows, refresh-blocked), it is a valid v1 report.
    const { person: _p, integrity: _i, ...older } = written;
    const v1Schema = checkedIn('report.v1.schema.json') as {
      properties: { policy: { properties: object }; summary: { properties: { byStatus: { properties: object } } } };
    };
    const known = (from: object, keys: object) => Object.fromEntries(Object.entries(from).filter(([k]) => k in keys));
    const summary = older['summary'] as { byStatus: object };
    const asV1 = {
      ...older,
      reportVersion: 1,
      policy: known(older['policy'] as object, v1Schema.properties.policy.properties),
      summary: {
        ...summary,
        byStatus: known(summary.byStatus, v1Schema.properties.summary.properties.byStatus.properties),
      },
    };
    expect(v1(asV1), JSON.stringify(v1.errors)).toBe(true);
  });
});
