import { spawn } from 'node:child_process';

/**
 * Open `url` in the person's browser: `$BROWSER` when set (the convention gh, git web--browse and
 * Python's webbrowser follow), else the platform's opener. Never waits for it; false when nothing
 * could be started (the URL is printed anyway).
 */
export function openInBrowser(url: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  const browser = env['BROWSER']?.trim();
  const [command, args] = browser
    ? [browser, [url]]
    : process.platform === 'darwin'
      ? ['open', [url]]
      : process.platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', url]]
        : ['xdg-open', [url]];
  return new Promise((resolve) => {
    try {
      const child = spawn(command, args, { detached: true, stdio: 'ignore', env });
      child.once('error', () => resolve(false));
      child.once('spawn', () => {
        child.unref();
        resolve(true);
      });
    } catch {
      resolve(false);
    }
  });
}
