import type { WithPlurals } from './plurals';
import type { Messages } from './zh-cn';

/** English messages for projector mode; part of `en.ts`. */
export const enPresent: Pick<WithPlurals<Messages>, 'present'> = {
  present: {
    open: 'Projector mode',
    openHint: 'Full screen: arrow or page keys change screens, Esc comes back here',
    title: 'Projector',
    total: '{{count}} targets',
    total_one: '{{count}} target',
    attentionHeading: 'Needs attention first',
    attentionMore: '{{count}} more on the category screens',
    attentionMore_one: '{{count}} more on its category screen',
    attentionNone: 'No target has any of these statuses: {{statuses}}.',
    part: '{{name}} ({{part}}/{{parts}})',
    colTarget: 'Target',
    colValue: 'Actual',
    colGoal: 'Goal',
    colStatus: 'Status',
    valueYear: '{{year}}',
    position: 'Screen {{current}} of {{total}}: {{name}}',
    auto: 'Next screen every {{seconds}} s',
    paused: 'Paused · press Space to resume',
    unknownScreen: 'Projector mode has no screen “{{value}}”, so it starts at the summary.',
  },
};
