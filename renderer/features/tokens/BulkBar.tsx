import { useState } from 'react';
import type { TokenView } from '../../../shared/model.js';
import { lapseApi } from '../../api/lapse-api.js';
import { ConfirmDialog } from '../dialogs/ConfirmDialog.js';
import { showToast } from '../toasts/toasts.js';

interface BulkBarProps {
  /** The ticked tokens (those still in the vault). */
  tokens: readonly TokenView[];
  /** Whether the keychain can be used (revoking reads the value). */
  keychainUsable: boolean;
  onClear(): void;
  /** Read the list again once a bulk step changed it. */
  onChanged(): Promise<void>;
}

type Open = 'none' | 'tag' | 'delete' | 'revoke';

/** What can be done to several tokens at once: verify, tag, revoke, delete; one at a time, with a count of what went wrong. */
export function BulkBar({ tokens, keychainUsable, onClear, onChanged }: BulkBarProps) {
  const [open, setOpen] = useState<Open>('none');
  const [busy, setBusy] = useState<string | null>(null);
  const [tag, setTag] = useState('');
  const n = tokens.length;
  const them = `${n} token${n === 1 ? '' : 's'}`;

  /** Runs one call per token; answers a sentence of what failed, or null. */
  const each = async (
    what: string,
    call: (t: TokenView) => Promise<{ ok: boolean; error?: { message: string } }>,
  ): Promise<string | null> => {
    const failures: string[] = [];
    let done = 0;
    for (const token of tokens) {
      setBusy(`${what} ${++done} of ${n}…`);
      const answer = await call(token);
      if (!answer.ok) failures.push(`${token.label}: ${answer.error?.message ?? 'failed'}`);
    }
    setBusy(null);
    await onChanged();
    return failures.length
      ? `${failures.length} of ${n} failed — ${failures[0]}${failures.length > 1 ? ` (and ${failures.length - 1} more)` : ''}`
      : null;
  };

  const verify = async () => {
    const problem = await each('Verifying', (t) => lapseApi.verifyToken({ id: t.id }));
    showToast(problem ? { text: problem, tone: 'critical' } : { text: `Verified ${them}: see each token's status.` });
  };
  const addTag = async () => {
    const clean = tag.trim().replace(/^#/, '');
    if (!clean) return 'Type a tag first.';
    const problem = await each('Tagging', (t) =>
      lapseApi.editToken({ id: t.id, changes: { tags: [...t.tags, clean] } }),
    );
    if (!problem) showToast({ text: `Tagged ${them} #${clean}.` });
    return problem;
  };
  const remove = async () => {
    const ids = tokens.map((t) => t.id);
    const problem = await each('Deleting', (t) => lapseApi.deleteToken({ id: t.id }));
    if (!problem) {
      onClear();
      showToast({
        text: `Deleted ${them} (in Recently deleted for 30 days). They still work at their providers.`,
        action: {
          label: 'Undo',
          run: async () => {
            for (const id of ids) await lapseApi.restoreToken({ id });
            await onChanged();
            return null;
          },
        },
      });
    }
    return problem;
  };
  const revoke = async () => {
    const problem = await each('Revoking', (t) => lapseApi.revokeToken({ id: t.id }));
    if (!problem)
      showToast({ text: `Asked to revoke ${them}: each token's panel says whether its provider confirmed it dead.` });
    return problem;
  };

  return (
    <div className="bulk-bar" role="region" aria-label="Bulk actions">
      <strong>{n} ticked</strong>
      {busy ? (
        <span role="status">{busy}</span>
      ) : (
        <>
          <button type="button" onClick={() => void verify()}>
            Verify
          </button>
          <button type="button" onClick={() => setOpen('tag')}>
            Add tag…
          </button>
          <button type="button" className="danger" onClick={() => setOpen('revoke')} disabled={!keychainUsable}>
            Revoke…
          </button>
          <button type="button" className="danger" onClick={() => setOpen('delete')}>
            Delete…
          </button>
          <button type="button" className="quiet" onClick={onClear}>
            Untick all
          </button>
        </>
      )}
      {open === 'tag' && (
        <ConfirmDialog
          title={`Add a tag to ${them}`}
          text="The tag is added to each; their other tags stay."
          confirmLabel="Add tag"
          busyLabel="Tagging…"
          tone="plain"
          onConfirm={addTag}
          onDone={() => setOpen('none')}
          onCancel={() => setOpen('none')}
        >
          <label htmlFor="bulk-tag">Tag</label>
          <input id="bulk-tag" value={tag} onChange={(e) => setTag(e.target.value)} autoComplete="off" />
        </ConfirmDialog>
      )}
      {open === 'delete' && (
        <ConfirmDialog
          title={`Delete ${them}?`}
          text={`They keep working at their providers: deleting here does not revoke them (Revoke does). Lapse keeps them in Recently deleted for 30 days, secrets included, so you can restore them.`}
          confirmLabel={`Delete ${them}`}
          busyLabel="Deleting…"
          onConfirm={remove}
          onDone={() => setOpen('none')}
          onCancel={() => setOpen('none')}
        />
      )}
      {open === 'revoke' && (
        <ConfirmDialog
          title={`Revoke ${them} at their providers?`}
          text="Each stops working for everything that uses it. Lapse asks each provider in turn and confirms it dead where it can; the rest are marked revocation pending. This can't be undone."
          confirmLabel={`Revoke ${them}`}
          busyLabel="Revoking…"
          onConfirm={revoke}
          onDone={() => setOpen('none')}
          onCancel={() => setOpen('none')}
        />
      )}
    </div>
  );
}
