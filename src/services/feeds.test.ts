// The name-based UUIDs feed ids are made of: RFC 4122 version 5, as other implementations compute them.

import { expect, it } from 'vitest';
import { uuidV5 } from './feeds.js';

it('computes version 5 UUIDs as Python’s uuid.uuid5 does, UTF-8 names included', () => {
  expect(uuidV5('python.org', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
    '886313e1-3b8a-5372-9b90-0c9aee199e5d',
  );
  expect(uuidV5('truceline:finding/Київ', '6ba7b811-9dad-11d1-80b4-00c04fd430c8')).toBe(
    'b041ccab-1d90-5e9c-942b-a5cad81155ca',
  );
});
