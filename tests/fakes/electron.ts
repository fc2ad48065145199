// A stand-in for the `electron` module so shell code runs in plain Node under vitest (the
// Electron binary is not needed). It has only what electron/shell/ uses, and records what it is given.
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

/** A frame as IPC events carry it: its URL and its parent (null for a main frame). */
export class FakeFrame {
  constructor(
    public url: string,
    public parent: FakeFrame | null = null,
  ) {}
}

/** An event a listener may cancel, like Electron's will-navigate event. */
export function cancellableEvent(fields: Record<string, unknown> = {}) {
  return {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

let nextContentsId = 1;

export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  readonly mainFrame = new FakeFrame('about:blank');
  windowOpenHandler: ((details: { url: string }) => { action: 'allow' | 'deny' }) | null = null;
  /** Messages main sent to the page: `[channel, ...args]`. */
  send = vi.fn((_channel: string, ..._args: unknown[]) => undefined);

  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'allow' | 'deny' }): void {
    this.windowOpenHandler = handler;
  }

  /** What a page's `window.open(url)` gets back. */
  openWindow(url: string): { action: 'allow' | 'deny' } {
    return this.windowOpenHandler ? this.windowOpenHandler({ url }) : { action: 'allow' };
  }

  /** Fires will-navigate as a link click or `location = url` would; true when it went ahead. */
  navigate(url: string): boolean {
    const event = cancellableEvent({ url });
    this.emit('will-navigate', event, url);
    return !event.defaultPrevented;
  }
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  static getAllWindows = () => BrowserWindow.created.filter((window) => !window.destroyed);
  static getFocusedWindow = (): BrowserWindow | null => null;

  readonly webContents = new FakeWebContents();
  visible = false;
  destroyed = false;
  loadedUrl: string | null = null;

  constructor(public readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }

  loadURL = vi.fn(async (url: string) => {
    this.loadedUrl = url;
    this.webContents.mainFrame.url = url;
  });
  show = vi.fn(() => {
    this.visible = true;
  });
  focus = vi.fn();
  restore = vi.fn();
  hide = vi.fn(() => {
    this.visible = false;
  });
  /** What the user's click on the close button does: 'close' (cancellable), then closed unless prevented. */
  requestClose(): boolean {
    const event = cancellableEvent();
    this.emit('close', event);
    if (!event.defaultPrevented) this.close();
    return !event.defaultPrevented;
  }
  isMinimized = () => false;
  isDestroyed = () => this.destroyed;
  close(): void {
    this.destroyed = true;
    this.emit('closed');
  }
}

class FakeApp extends EventEmitter {
  hasSingleInstanceLock = true;
  userData = '/nonexistent/Lapse';
  requestSingleInstanceLock = vi.fn(() => this.hasSingleInstanceLock);
  whenReady = vi.fn(async () => undefined);
  enableSandbox = vi.fn();
  quit = vi.fn();
  exit = vi.fn();
  getPath = vi.fn((name: string) => (name === 'userData' ? this.userData : `/nonexistent/${name}`));
  // electron-store reads these when it is constructed.
  getVersion = () => '0.0.0-test';
  getName = () => 'Lapse';
  loginItem = { openAtLogin: false };
  getLoginItemSettings = vi.fn(() => ({ ...this.loginItem }));
  setLoginItemSettings = vi.fn((settings: { openAtLogin?: boolean }) => {
    this.loginItem = { openAtLogin: settings.openAtLogin ?? false };
  });
}
export const app = new FakeApp();

class FakeIpcMain extends EventEmitter {
  readonly handlers = new Map<string, Handler>();
  handle = vi.fn((channel: string, handler: Handler) => {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  });
  removeHandler = vi.fn((channel: string) => this.handlers.delete(channel));

  /** What `ipcRenderer.invoke(channel, arg)` from `event`'s sender would resolve to. */
  async invoke(
    channel: string,
    event: { sender: unknown; senderFrame: FakeFrame | null },
    arg?: unknown,
  ): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, arg);
  }
}
export const ipcMain = new FakeIpcMain();

const rendererListeners = new Map<string, Set<(event: unknown, ...args: unknown[]) => void>>();
export const ipcRenderer = {
  invoke: vi.fn(async (_channel: string, ..._args: unknown[]): Promise<unknown> => undefined),
  on: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
    rendererListeners.set(channel, (rendererListeners.get(channel) ?? new Set()).add(listener));
  }),
  removeListener: vi.fn((channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
    rendererListeners.get(channel)?.delete(listener);
  }),
  /** Test helper: what the main process would send with webContents.send. */
  emit(channel: string, event: unknown, ...args: unknown[]): void {
    for (const listener of rendererListeners.get(channel) ?? []) listener(event, ...args);
  },
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld: vi.fn((key: string, api: unknown) => {
    contextBridge.exposed.set(key, api);
  }),
};

export const shell = { openExternal: vi.fn(async (_url: string) => undefined) };

export const clipboard = {
  text: '',
  writeText: vi.fn((text: string) => {
    clipboard.text = text;
  }),
  readText: vi.fn(() => clipboard.text),
  clear: vi.fn(() => {
    clipboard.text = '';
  }),
};

type HeadersListener = (
  details: { responseHeaders?: Record<string, string[]> },
  callback: (response: { responseHeaders?: Record<string, string[]> }) => void,
) => void;

export const session = {
  defaultSession: {
    headersListener: null as HeadersListener | null,
    permissionRequestHandler: null as
      ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null,
    permissionCheckHandler: null as ((contents: unknown, permission: string) => boolean) | null,
    webRequest: {
      onHeadersReceived: vi.fn((listener: HeadersListener) => {
        session.defaultSession.headersListener = listener;
      }),
    },
    setPermissionRequestHandler: vi.fn(
      (handler: NonNullable<typeof session.defaultSession.permissionRequestHandler>) => {
        session.defaultSession.permissionRequestHandler = handler;
      },
    ),
    setPermissionCheckHandler: vi.fn((handler: NonNullable<typeof session.defaultSession.permissionCheckHandler>) => {
      session.defaultSession.permissionCheckHandler = handler;
    }),
  },
};

export const protocol = {
  handlers: new Map<string, (request: Request) => Promise<Response> | Response>(),
  registerSchemesAsPrivileged: vi.fn(),
  handle: vi.fn((scheme: string, handler: (request: Request) => Promise<Response> | Response) => {
    protocol.handlers.set(scheme, handler);
  }),
};

/** Answers file:// fetches from `net.files` (URL → body), 404-style rejection otherwise. */
export const net = {
  files: new Map<string, string>(),
  fetch: vi.fn(async (url: string) => {
    const body = net.files.get(url);
    if (body === undefined) throw new Error('net::ERR_FILE_NOT_FOUND');
    return new Response(body, { headers: { 'content-type': 'text/html' } });
  }),
};

export const dialog = {
  showErrorBox: vi.fn(),
  showOpenDialog: vi.fn(async () => ({ canceled: true, filePaths: [] as string[] })),
};

/** An OS notification; `shown` lists those shown, in order. */
export class Notification extends EventEmitter {
  static supported = true;
  static shown: Notification[] = [];
  static isSupported = () => Notification.supported;
  constructor(public readonly options: { title?: string; body?: string }) {
    super();
  }
  show = vi.fn(() => {
    Notification.shown.push(this);
  });
  /** The user clicks it. */
  click(): void {
    this.emit('click', {});
  }
}

/** A menu as built from its template: the template is kept to inspect and click. */
export const Menu = {
  buildFromTemplate: vi.fn(
    (template: { label?: string; type?: string; checked?: boolean; enabled?: boolean; click?: () => void }[]) => ({
      items: template,
    }),
  ),
};

export const nativeImage = {
  createFromBitmap: vi.fn((buffer: Buffer, size: { width: number; height: number }) => ({
    buffer,
    ...size,
    isEmpty: () => buffer.length === 0,
  })),
};

export class Tray extends EventEmitter {
  static created: Tray[] = [];
  toolTip = '';
  menu: {
    items: { label?: string; type?: string; checked?: boolean; enabled?: boolean; click?: () => void }[];
  } | null = null;
  destroyed = false;
  constructor(public readonly image: unknown) {
    super();
    Tray.created.push(this);
  }
  setToolTip = vi.fn((text: string) => {
    this.toolTip = text;
  });
  setContextMenu = vi.fn((menu: Tray['menu']) => {
    this.menu = menu;
  });
  destroy = vi.fn(() => {
    this.destroyed = true;
  });
}

/** Emits 'resume' and 'suspend' as the OS would around sleep. */
export const powerMonitor = new EventEmitter();

/** Forget every window, handler and recorded call, so each test starts from a fresh app. */
export function resetFakeElectron(): void {
  vi.clearAllMocks();
  BrowserWindow.created = [];
  app.removeAllListeners();
  app.hasSingleInstanceLock = true;
  app.userData = '/nonexistent/Lapse';
  ipcMain.handlers.clear();
  contextBridge.exposed.clear();
  clipboard.text = '';
  session.defaultSession.headersListener = null;
  session.defaultSession.permissionRequestHandler = null;
  session.defaultSession.permissionCheckHandler = null;
  protocol.handlers.clear();
  net.files.clear();
  app.loginItem = { openAtLogin: false };
  Notification.supported = true;
  Notification.shown = [];
  Tray.created = [];
  powerMonitor.removeAllListeners();
}
