import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_NOTE_LENGTH, type Note } from '@/domain/contract/document-contract';
import type { Locale } from '@/domain/shared/locale';

/** When a note was written, in China's time zone (the plan's), to the minute. */
function noteDate(createdAt: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Asia/Shanghai' }).format(new Date(createdAt));
}

/**
 * A target's notes, newest first, each with its date and author. The text is
 * what an analyst typed and is rendered as text (line breaks kept by CSS),
 * never as HTML. Shared by the target page and the printed report.
 */
export function NoteList({ notes, locale }: { notes: readonly Note[]; locale: Locale }) {
  const { t } = useTranslation();
  if (notes.length === 0) return <p className="muted">{t('notes.none')}</p>;
  return (
    <ol className="notes">
      {notes.map((note) => (
        <li key={note.id} className="notes__item">
          <p className="notes__meta">
            <time dateTime={note.createdAt}>{noteDate(note.createdAt, locale)}</time>
            {' · '}
            {t('notes.by', { author: note.author })}
          </p>
          <p className="notes__text">{note.text}</p>
        </li>
      ))}
    </ol>
  );
}

/** The form an analyst adds a note with; `onAdd` resolves once it is stored, and the text is cleared. */
export function NoteForm({ onAdd, pending, error }: { onAdd: (text: string) => Promise<unknown>; pending: boolean; error?: string | undefined }) {
  const { t } = useTranslation();
  const id = useId();
  const [text, setText] = useState('');
  const blank = text.trim() === '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (blank || pending) return;
    onAdd(text).then(
      () => setText(''),
      () => undefined, // the error is shown below; the text stays to try again
    );
  };
  return (
    <form className="notes__form no-print" onSubmit={submit}>
      <label htmlFor={`${id}-text`}>{t('notes.add')}</label>
      <textarea
        id={`${id}-text`}
        value={text}
        maxLength={MAX_NOTE_LENGTH}
        rows={3}
        aria-describedby={`${id}-hint`}
        onChange={(e) => setText(e.target.value)}
      />
      <p id={`${id}-hint`} className="muted">
        {t('notes.hint', { max: MAX_NOTE_LENGTH, typed: text.length })}
      </p>
      <button type="submit" disabled={blank || pending}>
        {pending ? t('notes.saving') : t('notes.save')}
      </button>
      {error !== undefined && (
        <p role="alert" className="notes__error">
          {t('notes.failed', { reason: error })}
        </p>
      )}
    </form>
  );
}
