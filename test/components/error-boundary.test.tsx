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

test('the app’s page-failure words are the page’s language; the browser’s own (English) message is a folded detail', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  const { setupI18n } = await import('@/i18n/setup-i18n');
  const { ErrorState } = await import('@/components/error-state');
  const i18n = setupI18n('zh-CN');
  render(
    <ErrorBoundary fallback={(error) => <ErrorState message={i18n.t('errors.pageFailed')} detail={error.message} />}>
      <Boom fail />
    </ErrorBoundary>,
  );
  const alert = screen.getByRole('alert');
  expect(screen.getByText('页面无法显示。重新加载通常可以解决；数据不会丢失。')).toBeVisible();
  expect(screen.getByText('chunk failed to load')).not.toBeVisible();
  expect(screen.getByText('chunk failed to load')).toHaveAttribute('lang', 'en');
  await userEvent.click(screen.getByText('技术细节'));
  expect(screen.getByText('chunk failed to load')).toBeVisible();
  expect(alert).toBeInTheDocument();
});
