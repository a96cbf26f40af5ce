import { useEffect, useRef, type ReactNode } from 'react';
import './modal.css';

interface ModalDialogProps {
  labelledBy: string;
  describedBy?: string;
  testId: string;
  tone?: 'calm' | 'attention';
  /** A dialog's own layout (a wider card for a number pad beside its question). */
  className?: string;
  children: ReactNode;
}

/**
 * A native modal <dialog>: the page behind is inert while it is open. Escape does nothing; every
 * dialog here has its own button, because a touch kiosk has no keyboard to rely on.
 */
export function ModalDialog({ labelledBy, describedBy, testId, tone = 'calm', className, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    const onCancel = (event: Event) => event.preventDefault();
    dialog.addEventListener('cancel', onCancel);
    return () => {
      dialog.removeEventListener('cancel', onCancel);
      if (dialog.open) dialog.close();
    };
  }, []);
  return (
    <dialog ref={ref} className={`modal modal-${tone}${className ? ` ${className}` : ''}`} aria-labelledby={labelledBy} aria-describedby={describedBy} data-testid={testId}>
      {children}
    </dialog>
  );
}
