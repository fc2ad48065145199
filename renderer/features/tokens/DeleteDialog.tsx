import type { TokenView } from '../../../shared/model.js';
import { lapseApi } from '../../api/lapse-api.js';
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js';

interface DeleteDialogProps {
  token: TokenView;
  onDeleted(id: string): void;
  onCancel(): void;
}

/** A modal confirmation: the keychain entry and the metadata go together, for good. */
export function DeleteDialog({ token, onDeleted, onCancel }: DeleteDialogProps) {
  return (
    <ConfirmDialog
      title={`Delete '${token.label}'?`}
      text="Its keychain entry and metadata are removed. This can't be undone."
      confirmLabel="Delete"
      busyLabel="Deleting…"
      onConfirm={async () => {
        const result = await lapseApi.deleteToken({ id: token.id });
        return result.ok ? null : result.error.message;
      }}
      onDone={() => onDeleted(token.id)}
      onCancel={onCancel}
    />
  );
}
