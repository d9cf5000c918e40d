/**
 * The answer to a form, said where a screen reader announces it (role="status"): green when it worked, red when not.
 * One component for every form, so they all say it the same way.
 */
import { Alert } from '@utrecht/component-library-react';

export interface FormMessageValue {
  readonly ok: boolean;
  readonly text: string;
}

export function FormMessage({ message }: { message: FormMessageValue | null }) {
  if (!message) return null;
  return (
    <div role="status">
      <Alert type={message.ok ? 'ok' : 'error'}>{message.text}</Alert>
    </div>
  );
}
