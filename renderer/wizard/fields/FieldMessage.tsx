import { errorId } from './fieldIds.js';
import './fields.css';

/** What is wrong with an answer, in the resident's language, announced as it appears. */
export function FieldError({ path, message }: { path: string; message: string | null }) {
  if (!message) return null;
  return (
    <p className="field-error" id={errorId(path)} role="alert" data-testid={`error-${path}`}>
      {message}
    </p>
  );
}
