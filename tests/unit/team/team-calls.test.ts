import fs from 'node:fs';
import path from 'node:path';
import { dialog } from 'electron';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLapseService } from '../../../electron/service.js';
import { chooseFolder } from '../../../electron/shell/folder-picker.js';
import { openMetadataStore } from '../../../electron/vault/metadata-store.js';
import { memoryKeychain } from '../../helpers/memory-keychain.js';
import { makeTempDir, removeTempDir } from '../../helpers/temp-home.js';
import { reportNow } from '../report/sample-vault.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeTempDir));

function service(folderPicker?: () => Promise<string | null>) {
  const home = makeTempDir('lapse-team-calls');
  dirs.push(home);
  return createLapseService({
    keychain: memoryKeychain(),
    store: openMetadataStore(home),
    now: () => reportNow,
    ...(folderPicker ? { folderPicker } : {}),
  });
}

describe('the team calls of the contract', () => {
  it('getTeamView reads a folder of reports on the Node side; bad files are in problems, a bad policy file is an error', async () => {
    const dir = makeTempDir('lapse-team-calls-reports');
    dirs.push(dir);
    const api = service();
    // Reports written by the CLI's own code path: a fresh one from this service, and a broken file.
    const report = await api.getReport({ format: 'json', label: { machine: 'ana-laptop' } });
    if (!report.ok) throw new Error(report.error.message);
    fs.writeFileSync(path.join(dir, 'ana.json'), report.value.content);
    fs.writeFileSync(path.join(dir, 'broken.json'), '{"reportVersion": 2,');
    const view = await api.getTeamView({ paths: [dir] });
    expect(view.ok && view.value.totals).toMatchObject({ files: 1, machines: 1, problems: 1 });
    const badPolicy = await api.getTeamView({ paths: [dir], policyFile: path.join(dir, 'missing.json') });
    expect(badPolicy).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    const refused = await api.getTeamView({ paths: [] } as never);
    expect(refused.ok).toBe(false);
  });

  it("chooseReportFolder: the desktop app's picker where there is one; elsewhere it says so, to type the path", async () => {
    expect(await service().chooseReportFolder({})).toEqual({ ok: true, value: { available: false, folder: null } });
    expect(await service(async () => '/srv/reports').chooseReportFolder({})).toEqual({
      ok: true,
      value: { available: true, folder: '/srv/reports' },
    });
    expect(await chooseFolder()).toBeNull();
    vi.mocked(dialog.showOpenDialog).mockResolvedValueOnce({ canceled: false, filePaths: ['/home/ana/reports'] });
    expect(await chooseFolder()).toBe('/home/ana/reports');
    expect(vi.mocked(dialog.showOpenDialog).mock.calls.at(-1)?.[0]).toMatchObject({ properties: ['openDirectory'] });
  });
});
