import type { ReactNode } from 'react';

/** Saves text as a file (CSV exports and templates are built in memory). */
export function saveTextFile(fileName: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function DownloadButton({ fileName, build, children }: { fileName: string; build: () => string; children: ReactNode }) {
  return (
    <button type="button" className="button button--secondary" onClick={() => saveTextFile(fileName, build())}>
      {children}
    </button>
  );
}
