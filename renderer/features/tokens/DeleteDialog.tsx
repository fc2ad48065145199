import type { TokenView } from '../../../shared/model.js';
import { lapseApi } from '../../api/lapse-api.js';
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js';
import { providerInSentence } from './providers.js';

interface DeleteDialogProps {
  token: TokenView;
  onDeleted(id: string): void;
  onCancel(): void;
}

/** A modal confirmation that says what deleting does and does not do: the token still works at its provider. */
export function DeleteDialog({ token, onDeleted, onCancel }: DeleteDialogProps) {
  const live = token.revokedAt === null;
  return (
    <ConfirmDialog
      title={`Delete '${token.label}'?`}
      text={`${live ? `It keeps working at ${providerInSentence(token.provider)}: deleting it here does not revoke it (Revoke does). ` : ''}Lapse keeps it in Recently deleted for 30 days, secret included, so you can restore it.`}
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
