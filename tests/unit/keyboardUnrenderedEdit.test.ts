import { describe, expect, it } from 'vitest';
import { afterRender, editBase, type UnrenderedEdit } from '../../renderer/keyboard/unrenderedEdit.js';

// The on-screen keyboard's edit handed to the screen and not yet rendered (renderer/keyboard/
// unrenderedEdit.ts), as the keyboard uses it: each key builds on editBase, and after each render
// what is pending is afterRender's.

/** A keyboard typing into a field the screen renders when told; `shown` is what it shows. */
function field(initial: string) {
  let shown = initial;
  let pending: UnrenderedEdit<string> | null = null;
  return {
    type(char: string) {
      const next = editBase(pending, shown, () => shown) + char;
      pending = { from: shown, edit: next };
      return next;
    },
    /** The screen renders `value` (the last edit's, unless the screen sets its own). */
    render(value = pending?.edit ?? shown) {
      shown = value;
      pending = afterRender(pending, shown);
    },
    pending: () => pending,
  };
}

describe('an edit the screen has not rendered yet', () => {
  it('is what a second tap before the render builds on', () => {
    const f = field('');
    f.type('张');
    expect(f.type('三')).toBe('张三');
    f.render();
    expect(f.type('丰')).toBe('张三丰');
  });

  it('is spent once the screen shows another value, and never comes back', () => {
    const f = field('');
    f.type('张');
    f.render();
    expect(f.pending()).toBeNull();
    // The screen clears the field: the value is again the one the edit was made on.
    f.render('');
    expect(f.type('李')).toBe('李');
  });

  it('is spent when the screen renders a value of its own instead', () => {
    const f = field('ab');
    f.type('c');
    f.render('');
    expect(f.pending()).toBeNull();
    expect(f.type('x')).toBe('x');
  });

  it('stays while the screen still shows the value it was made on', () => {
    const pending = { from: 'a', edit: 'ab' };
    expect(afterRender(pending, 'a')).toBe(pending);
    expect(editBase(pending, 'a', () => 'a')).toBe('ab');
    expect(editBase(null, 'a', () => 'a')).toBe('a');
  });
});
