import { describe, expect, it } from 'vitest';
import { FOCUSABLE, holdsFocusable, type Rendered } from '../../renderer/ui/focusable.js';

// The scrolling area is a Tab stop of its own only while nothing inside it can take focus
// (renderer/ui/ScrollArea.tsx). A control that matches but is not rendered (display: none,
// visibility: hidden) or lies in an inert part cannot: counting it left a screen whose only
// controls were hidden without any Tab stop in its area. Elements here are the DOM's answers
// as Chromium gives them (checkVisibility, closest), one per way a control is out of reach.

interface Control {
  display?: 'none';
  visibility?: 'hidden';
  inert?: boolean;
}

function control({ display, visibility, inert }: Control): Rendered {
  return {
    // Chromium: false under display:none (self or an ancestor); with visibilityProperty, also when visibility is hidden
    checkVisibility: (options) => display !== 'none' && !(options?.visibilityProperty === true && visibility === 'hidden'),
    closest: (selector) => (selector === '[inert]' && inert === true ? {} : null),
  };
}

/** An area holding `controls`, answering only the selector the rule must ask with. */
const area = (...controls: Control[]) => ({
  querySelectorAll: (selector: string) => {
    expect(selector).toBe(FOCUSABLE);
    return controls.map(control);
  },
});

describe('what inside a scrolling area can take focus', () => {
  it('a rendered control can', () => {
    expect(holdsFocusable(area({}))).toBe(true);
    expect(holdsFocusable(area({ display: 'none' }, {}))).toBe(true);
  });

  it('nothing, when its only controls are under display:none', () => {
    expect(holdsFocusable(area({ display: 'none' }, { display: 'none' }))).toBe(false);
  });

  it('nothing, when they are hidden by visibility or inert', () => {
    expect(holdsFocusable(area({ visibility: 'hidden' }))).toBe(false);
    expect(holdsFocusable(area({ inert: true }))).toBe(false);
  });

  it('nothing, in an empty area', () => {
    expect(holdsFocusable(area())).toBe(false);
  });
});
