import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { expect, test, vi } from 'vitest';
import { ErrorBoundary } from '@/components/error-boundary';

function Boom({ fail }: { fail: boolean }) {
  if (fail) throw new Error('chunk failed to load');
  return <p>page</p>;
}

function Harness() {
  const [fail, setFail] = useState(true);
  return (
    <ErrorBoundary
      fallback={(error, reset) => (
        <p role="alert">
          {error.message}
          <button
            type="button"
            onClick={() => {
              setFail(false);
              reset();
            }}
          >
            retry
          </button>
        </p>
      )}
    >
      <Boom fail={fail} />
    </ErrorBoundary>
  );
}

test('a page that throws shows its message instead of a blank screen, and can recover', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  render(<Harness />);
  expect(screen.getByRole('alert')).toHaveTextContent('chunk failed to load');
  await userEvent.click(screen.getByRole('button', { name: 'retry' }));
  expect(screen.getByText('page')).toBeInTheDocument();
});
