import { useOpenTokenEvents } from './lapseEvents.js';
import { useWebNotifications } from './useWebNotifications.js';

/**
 * The header's part of reminders: "Notify me" in the browser shell, then its notifications; in the
 * desktop app, opening the token an OS notification was clicked for.
 */
export function ReminderNotifier({ onOpen }: { onOpen(tokenId: string): void }) {
  const { permission, request } = useWebNotifications(onOpen);
  useOpenTokenEvents(onOpen);
  switch (permission) {
    case 'default':
      return (
        <button
          type="button"
          onClick={() => void request()}
          title="Show a browser notification when a reminder comes due"
        >
          Notify me
        </button>
      );
    case 'granted':
      return <span className="notify-state">Notifications on</span>;
    case 'denied':
      return (
        <span
          className="notify-state"
          title="Allow notifications for this page in the browser's site settings, then reload."
        >
          Notifications blocked
        </span>
      );
    case 'unavailable':
      return null;
  }
}
