import { describe, expect, it } from 'vitest';
import { attachmentRefs } from './dossier.data.js';

describe('attachments named by a case', () => {
  it('finds the attachment widget values anywhere in the data, with their pointers', () => {
    const id = '0b7e0c1a-5d0e-4f57-9a43-2a8f7d1c9e01';
    expect(attachmentRefs({ reason: { proof: `${id}|收入证明.pdf` }, members: [{ card: id.toUpperCase() }], note: `see ${id}`, n: 3 })).toEqual([
      { id, pointer: '/reason/proof' },
      { id, pointer: '/members/0/card' },
    ]);
  });
});
