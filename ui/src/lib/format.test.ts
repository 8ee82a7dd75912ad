import { describe, expect, it } from 'vitest';
import { fileSize } from './format';

describe('fileSize', () => {
  it('uses B, KB and MB', () => {
    expect(fileSize(999)).toBe('999 B');
    expect(fileSize(1500)).toBe('1.5 KB');
    expect(fileSize(2_500_000)).toBe('2.5 MB');
  });
});
