import type { ReactNode } from 'react';
import { useCssProperty } from '../ui/cssProperty.js';

interface KeyButtonProps {
  id: string;
  label?: string;
  wide?: number;
  tone?: 'plain' | 'action' | 'primary';
  pressed?: boolean;
  onPress: () => void;
  children: ReactNode;
}

/**
 * One key. It keeps focus where it is (on the field being typed into) by cancelling the mouse
 * down that follows a tap, so the field never loses its place and no OS keyboard is summoned.
 */
export function KeyButton({ id, label, wide = 1, tone = 'plain', pressed, onPress, children }: KeyButtonProps) {
  const ref = useCssProperty<HTMLButtonElement>('--key-grow', wide);
  return (
    <button ref={ref} type="button" className={`key key-${tone}`} data-testid={`key-${id}`} aria-label={label} aria-pressed={pressed} onMouseDown={(e) => e.preventDefault()} onClick={onPress}>
      {children}
    </button>
  );
}
