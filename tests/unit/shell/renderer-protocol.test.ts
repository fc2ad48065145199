import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { registerAppScheme, rendererRoot, serveRenderer } from '../../../electron/shell/renderer-protocol.js';
import { net, protocol, resetFakeElectron } from '../../fakes/electron.js';

vi.mock('electron', () => import('../../fakes/electron.js'));

const root = path.resolve('/opt/Lapse/dist/renderer');
const request = (url: string) => protocol.handlers.get('app')!(new Request(url));

describe('serving the renderer on app://lapse', () => {
  beforeEach(() => {
    resetFakeElectron();
    net.files.set(pathToFileURL(path.join(root, 'index.html')).toString(), '<!doctype html><title>Lapse</title>');
    serveRenderer(root);
  });

  it('registers app:// as a standard, secure scheme so the page has a real origin', () => {
    registerAppScheme();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }),
    ]);
  });

  it('serves the built page with the strict CSP header', async () => {
    const response = await request('app://lapse/index.html');
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<title>Lapse</title>');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'",
    );
    expect(response.headers.get('content-type')).toBe('text/html');
  });

  it('answers 404 for a missing file, another host or an escape from the folder, without reading it', async () => {
    expect((await request('app://lapse/missing.js')).status).toBe(404);
    expect((await request('app://other/index.html')).status).toBe(404);
    expect((await request('app://lapse/..%2f..%2fpackage.json')).status).toBe(404);
    expect(net.fetch).toHaveBeenCalledTimes(1);
  });

  it('looks for the renderer in dist/renderer beside the compiled shell', () => {
    expect(rendererRoot.split(path.sep).slice(-2)).toEqual(['renderer', '']);
  });
});
