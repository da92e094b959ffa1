import type { WithPlurals } from './plurals';
import type { Messages } from './zh-cn';

/** English messages for responsibility (the office responsible) and notes on targets; part of `en.ts`. */
export const enNotes: Pick<WithPlurals<Messages>, 'notes' | 'office'> = {
  notes: {
    heading: 'Notes',
    none: 'No notes yet.',
    by: 'by {{author}}',
    add: 'Add a note (what is being done, why a figure is late …)',
    hint: 'Plain text, at most {{max}} characters; {{typed}} typed. A note cannot be changed or removed once saved; write another to correct it.',
    save: 'Save the note',
    saving: 'Saving…',
    failed: 'The note was not saved: {{reason}}',
    analystsOnly: 'Notes are added by analysts.',
    demoHint: 'In the demo, switch 演示角色 (top right) to Analyst to add one.',
    loadFailed: 'The notes could not be loaded: {{reason}}',
    reportHeading: 'Notes',
  },
  office: {
    label: 'Office responsible',
    of: 'Office responsible: {{office}}',
  },
};
