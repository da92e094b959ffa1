import { useMutation, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiMode } from '@/api/http';
import { noteMutations, noteQueries } from '@/api/notes';
import { useSession } from '@/api/session';
import { NoteForm, NoteList } from '@/components/target-notes';
import type { Locale } from '@/domain/shared/locale';

const reasonOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The target page's notes: the list for everyone, the form for analysts and admins (the API decides; this only offers). */
export function TargetNotesSection({ targetSet, target, locale }: { targetSet: string; target: string; locale: Locale }) {
  const { t } = useTranslation();
  const session = useSession();
  const notes = useQuery(noteQueries.list(targetSet, target));
  const add = useMutation(noteMutations.add(targetSet));
  return (
    <>
      {notes.isPending ? (
        <p className="muted">{t('loading')}</p>
      ) : notes.isError ? (
        <p role="alert">{t('notes.loadFailed', { reason: reasonOf(notes.error) })}</p>
      ) : (
        <NoteList notes={notes.data.notes} locale={locale} />
      )}
      {session.canWrite ? (
        <NoteForm
          onAdd={(text) => add.mutateAsync({ target, text })}
          pending={add.isPending}
          error={add.isError ? reasonOf(add.error) : undefined}
        />
      ) : (
        <p className="muted no-print">
          {t('notes.analystsOnly')}
          {apiMode() === 'demo' && ` ${t('notes.demoHint')}`}
        </p>
      )}
    </>
  );
}
