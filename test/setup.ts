import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// `findBy*` and `waitFor` give up after 1 s by default, which a busy machine (two cores shared with
// builds and browsers) can exceed while a page renders; the wait ends as soon as the element appears.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => {
  cleanup();
});
