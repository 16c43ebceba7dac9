import { describe, expect, it } from 'vitest';
import { editableUi } from './editable-ui';

describe('editableUi', () => {
  it('makes everything read-only except the pointers given, keeping the base uiSchema', () => {
    const ui = editableUi({ note: { 'ui:widget': 'textarea' } }, ['/note', '/head/name']);
    expect(ui).toEqual({ 'ui:readonly': true, note: { 'ui:widget': 'textarea', 'ui:readonly': false }, head: { name: { 'ui:readonly': false } } });
  });

  it('gives fields named constructor or __proto__ their own entries and touches no prototype', () => {
    const ui = editableUi(undefined, ['/constructor', '/__proto__/x', '/a~1b']) as Record<string, unknown>;
    expect(ui.constructor).toEqual({ 'ui:readonly': false });
    expect(Object.getOwnPropertyDescriptor(ui, '__proto__')?.value).toEqual({ x: { 'ui:readonly': false } });
    expect(ui['a/b']).toEqual({ 'ui:readonly': false });
    expect(Object.getPrototypeOf(ui)).toBe(Object.prototype);
    expect((Object as unknown as Record<string, unknown>)['ui:readonly']).toBeUndefined();
  });
});
