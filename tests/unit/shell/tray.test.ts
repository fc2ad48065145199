import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createReminderTray,
  needActionText,
  nextExpiryText,
  trayMenuTemplate,
  type TrayState,
} from '../../../electron/shell/tray.js';
import { nativeImage, resetFakeElectron, Tray } from '../../fakes/electron.js';

vi.mock('electron', () => import('../../fakes/electron.js'));

const now = Date.parse('2026-11-24T10:00:00Z');
const state: TrayState = {
  summary: {
    needAction: 3,
    nextExpiry: { tokenId: 'aaaaaaaa-1111', label: 'npm publish', expiresAt: '2026-11-27T10:00:00Z' },
  },
  desktop: { keepInTray: true, startAtLogin: false },
  now,
};

describe('the tray', () => {
  beforeEach(resetFakeElectron);

  it('says how many tokens need action, in words', () => {
    expect([0, 1, 3].map(needActionText)).toEqual([
      'No token needs action',
      '1 token needs action',
      '3 tokens need action',
    ]);
  });

  it('names the next expiry and how far off it is', () => {
    expect(nextExpiryText(state.summary, now)).toBe('Next expiry: "npm publish" in 3 days');
    expect(nextExpiryText({ needAction: 0, nextExpiry: null }, now)).toBe('No expiry coming');
  });

  it('menu: the two facts (not clickable), open, the two settings as checkboxes, quit', () => {
    const actions = { open: vi.fn(), setDesktop: vi.fn(), quit: vi.fn() };
    const items = trayMenuTemplate(state, actions);
    expect(items.filter((i) => i.type !== 'separator').map((i) => [i.label, i.enabled ?? true, i.checked])).toEqual([
      ['3 tokens need action', false, undefined],
      ['Next expiry: "npm publish" in 3 days', false, undefined],
      ['Open Lapse', true, undefined],
      ['Keep in tray when the window closes', true, true],
      ['Start at login', true, false],
      ['Quit Lapse', true, undefined],
    ]);
    const click = (label: string) => (items.find((i) => i.label === label)?.click as () => void)();
    click('Start at login');
    click('Keep in tray when the window closes');
    click('Quit Lapse');
    expect(actions.setDesktop.mock.calls).toEqual([[{ startAtLogin: true }], [{ keepInTray: false }]]);
    expect(actions.quit).toHaveBeenCalled();
  });

  it('has a visible icon drawn without an image file, and a click on it opens Lapse', () => {
    const actions = { open: vi.fn(), setDesktop: vi.fn(), quit: vi.fn() };
    const tray = createReminderTray(actions);
    expect(nativeImage.createFromBitmap).toHaveBeenCalledWith(expect.any(Buffer), { width: 16, height: 16 });
    const [pixels] = nativeImage.createFromBitmap.mock.calls[0] ?? [];
    expect(pixels?.some((byte, i) => i % 4 === 3 && byte === 0xff)).toBe(true);
    Tray.created[0]?.emit('click');
    expect(actions.open).toHaveBeenCalled();
    tray.update(state);
    expect(Tray.created[0]?.toolTip).toBe('Lapse: 3 tokens need action');
    expect(Tray.created[0]?.menu?.items[0]?.label).toBe('3 tokens need action');
  });
});
