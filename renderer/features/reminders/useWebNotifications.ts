import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReminderNotification } from '../../../shared/api.js';
import { inElectron, lapseApi } from '../../api/lapse-api.js';
import { useEveryMinute } from '../../lib/useEveryMinute.js';

/** Whether this page may show Web Notifications; `unavailable` in the desktop app (its main process notifies) or without the API. */
export type NotifyPermission = NotificationPermission | 'unavailable';

const available = !inElectron && typeof Notification !== 'undefined';
const currentPermission = (): NotifyPermission => (available ? Notification.permission : 'unavailable');

function show(notification: ReminderNotification, onOpen: (tokenId: string) => void): void {
  const shown = new Notification(notification.title, {
    body: notification.body,
    tag: `lapse ${notification.reminderIds.join(' ')}`,
  });
  shown.onclick = () => {
    window.focus();
    if (notification.tokenId) onOpen(notification.tokenId);
    shown.close();
  };
}

/**
 * Browser shell: once the person allows it, ask the service each minute for the notification due
 * now and show it. The service records what it hands out, so other tabs and restarts repeat nothing.
 */
export function useWebNotifications(onOpen: (tokenId: string) => void): {
  permission: NotifyPermission;
  request(): Promise<void>;
} {
  const [permission, setPermission] = useState<NotifyPermission>(currentPermission);
  const latestOpen = useRef(onOpen);
  useEffect(() => {
    latestOpen.current = onOpen;
  });

  const collect = useCallback(async () => {
    // Collecting marks reminders sent: only do it while they can be shown.
    if (currentPermission() !== 'granted') return;
    const result = await lapseApi.collectDueReminders({});
    if (result.ok && result.value.notification) show(result.value.notification, (id) => latestOpen.current(id));
  }, []);

  // Allowing or blocking in the browser's site settings takes effect without a reload.
  useEffect(() => {
    if (!available || !('permissions' in navigator)) return undefined;
    let live = true;
    let status: PermissionStatus | null = null;
    const sync = () => setPermission(currentPermission());
    navigator.permissions
      .query({ name: 'notifications' })
      .then((answer) => {
        if (!live) return;
        status = answer;
        answer.addEventListener('change', sync);
      })
      .catch(() => undefined);
    return () => {
      live = false;
      status?.removeEventListener('change', sync);
    };
  }, []);

  const enabled = permission === 'granted';
  useEffect(() => {
    if (enabled) void collect();
  }, [enabled, collect]);
  useEveryMinute(() => void collect(), enabled);

  const request = useCallback(async () => {
    if (!available) return;
    setPermission(await Notification.requestPermission());
  }, []);

  return { permission, request };
}
