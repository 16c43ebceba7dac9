/**
 * 保存草稿 and 发布 as both designer pages (a programme's, a register's) do them: save reports the
 * version it made and answers whether it saved; publish saves unsaved edits first and stops when
 * that save was refused. The refusal stays in `error` for the page to show beside its problems.
 */
import { App } from 'antd';
import { useI18n } from '../i18n';
import { useNamedAction } from '../hooks';

export interface DraftOps {
  /** Whether the editors hold something that can be sent (their JSON parses). */
  ready: boolean;
  dirty: boolean;
  /** Saves the draft; answers its version number. */
  save: () => Promise<number>;
  /** Publishes the draft; answers its version number. */
  publish: () => Promise<number>;
  /** After a save: the editors hold nothing unsaved. */
  saved: () => void;
  reload: () => Promise<unknown>;
}

export function useDraftActions(ops: DraftOps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const named = useNamedAction();
  async function save(): Promise<boolean> {
    if (!ops.ready) {
      message.error(t('designer.fixJson'));
      return false;
    }
    return named.act('save', async () => {
      message.success(t('designer.saved', { n: await ops.save() }));
      ops.saved();
      await ops.reload();
    });
  }
  async function publish(): Promise<void> {
    if (ops.dirty && !(await save())) return;
    await named.act('publish', async () => {
      message.success(t('designer.published', { n: await ops.publish() }));
      await ops.reload();
    });
  }
  return { ...named, save, publish };
}
