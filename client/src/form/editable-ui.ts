/** The uiSchema of a case in review: read-only except the fields the current state lets this actor edit. */
import type { UiSchema } from '@rjsf/utils';
import { ownChild, type Node } from './own';

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** Read-only everywhere except the JSON pointers given (a field named `constructor` included). */
export function editableUi(base: UiSchema | undefined, pointers: readonly string[]): UiSchema {
  const ui: UiSchema = structuredClone(base ?? {});
  ui['ui:readonly'] = true;
  for (const p of pointers) {
    let node = ui as Node;
    for (const seg of p.split('/').slice(1)) node = ownChild(node, unescape(seg));
    node['ui:readonly'] = false;
  }
  return ui;
}
