import { fileURLToPath, pathToFileURL } from 'node:url';
import { net, protocol } from 'electron';
import { appScheme } from './app-origin.js';
import { contentSecurityPolicy } from './content-security-policy.js';
import { rendererFileFor } from './renderer-files.js';

/** The built renderer (vite's output), beside the compiled shell: dist/electron/shell → dist/renderer. */
export const rendererRoot = fileURLToPath(new URL('../../renderer/', import.meta.url));

/** Must run before the app is ready: a standard, secure scheme gets a real origin for 'self' and fetch. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } },
  ]);
}

/** Serves files from the renderer folder only, each with the CSP header; anything else is a 404. */
export function serveRenderer(root = rendererRoot): void {
  protocol.handle(appScheme, async (request) => {
    const file = rendererFileFor(request.url, root);
    if (!file) return new Response('Not found', { status: 404 });
    let found: Response;
    try {
      found = await net.fetch(pathToFileURL(file).toString());
    } catch {
      return new Response('Not found', { status: 404 });
    }
    const headers = new Headers(found.headers);
    headers.set('Content-Security-Policy', contentSecurityPolicy);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(found.body, { status: found.status, headers });
  });
}
