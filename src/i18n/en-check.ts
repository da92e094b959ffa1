import type { WithPlurals } from './plurals';
import type { CheckMessages } from './zh-cn-check';

/** English messages for the command line that checks target files (`npm run check-targets`); the same keys as `zh-cn-check.ts`. */
export const enCheck: WithPlurals<CheckMessages> = {
  checkTargets: {
    usage:
      'Usage: npm run check-targets -- [--lang zh-CN|en] [files or folders…]\nChecks target files (.yaml, .yml, .json) and lists every problem with its file, line, column and place. Without arguments it checks the targets/ folder.\nExits 1 when there are errors, 0 when there are only warnings, 2 on a usage error.',
    fileOk: '{{file}}: no problems',
    fileSummary: '{{file}}: {{parts}}',
    errors_one: '{{count}} error',
    errors: '{{count}} errors',
    warnings_one: '{{count}} warning',
    warnings: '{{count}} warnings',
    separator: ', ',
    total_one: 'Checked {{count}} target file: {{parts}}.',
    total: 'Checked {{count}} target files: {{parts}}.',
    totalOk_one: 'Checked {{count}} target file: no problems.',
    totalOk: 'Checked {{count}} target files: no problems.',
    verdictErrors: 'A target file with errors cannot be used: fix them as the messages above say.',
    verdictWarnings: 'The target files can be used; check the warnings above.',
    noFiles: 'There are no target files (.yaml, .yml or .json) in {{path}}.',
    notFound: 'There is no {{path}}.',
    unreadable: 'Cannot read {{path}}: {{detail}}',
    unknownOption: 'Unknown option “{{option}}”.',
    badLang: '--lang takes zh-CN or en, not “{{value}}”.',
  },
};
