import { describe, expect, it } from 'vitest';
import { safeBack, withParams } from '@/lib/urls';

describe('back addresses', () => {
  it('follows paths of this site only', () => {
    expect(safeBack('/opportunities/board?pipeline=2')).toBe('/opportunities/board?pipeline=2');
    for (const bad of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/a\nb', 42, null, `/${'x'.repeat(1000)}`]) expect(safeBack(bad)).toBeNull();
  });

  it('adds parameters to a path, keeping its own', () => {
    expect(withParams('/leads/board?owner=mine', { notice: 'lost' })).toBe('/leads/board?owner=mine&notice=lost');
    expect(withParams('/leads/3', { notice: 'lost' })).toBe('/leads/3?notice=lost');
  });
});
