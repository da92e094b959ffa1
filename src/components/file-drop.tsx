import { useId, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
// Its words (the import and data pages' Chinese ones load with these pages, not the first).
import '@/i18n/import-words';

/** A drop zone that is also a labelled file input, so it works by mouse, keyboard and touch. */
export function FileDrop({ onFile, disabled }: { onFile: (file: File) => void; disabled?: boolean }) {
  const { t } = useTranslation();
  const id = useId();
  const [over, setOver] = useState(false);
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  };
  return (
    <div
      className={`drop${over ? ' drop--over' : ''}`}
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <p className="drop__text">{t('import.dropHint')}</p>
      <label htmlFor={id} className="button">
        {t('import.chooseFile')}
      </label>
      <input
        id={id}
        className="visually-hidden"
        type="file"
        accept=".csv,.txt,.tsv,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        disabled={disabled}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) onFile(file);
          event.target.value = '';
        }}
      />
    </div>
  );
}
