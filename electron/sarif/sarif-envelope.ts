// SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/): the envelope every Lapse log
// shares — `lapse scan` (secrets in files), `lapse check` and `lapse team` (token findings). Each
// builder brings its own rules and results; the tool, schema and version are said once, here.

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';

/** A SARIF 2.1.0 log of one Lapse run: the driver's rules (and version), and the run's results and other members. */
export function sarifEnvelope<Driver extends object, Run extends { results: unknown[] }>(driver: Driver, run: Run) {
  return {
    $schema: sarifSchemaUri,
    version: '2.1.0' as const,
    runs: [{ tool: { driver: { name: 'Lapse' as const, ...driver } }, ...run }],
  };
}
