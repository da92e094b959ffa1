import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { en } from '@/i18n/en';
import { provideMessages } from '@/i18n/setup-i18n';

// `findBy*` and `waitFor` give up after 1 s by default, which a busy machine (two cores shared with
// builds and browsers) can exceed while a page renders; the wait ends as soon as the element appears.
configure({ asyncUtilTimeout: 15_000 });

// The app loads its English messages on demand (a chunk of their own); tests have them at hand, so
// `setupI18n('en')` and `i18next.changeLanguage('en')` take effect at once.
provideMessages('en', en);

afterEach(() => {
  cleanup();
});
