import { useTranslation } from 'react-i18next';
import type { Layout } from '@/domain/import/types';
import { DownloadButton } from './download-button';
// Its words (the import and data pages' Chinese ones load with these pages, not the first).
import '@/i18n/import-words';

const LAYOUTS: readonly Layout[] = ['long', 'wide', 'roster'];
const HEADER_LANGS = ['zh', 'en'] as const;

/** A download button for each layout's template, with Chinese and with English headers; `build` writes the CSV. */
export function ImportTemplates({ build }: { build: (layout: Layout, lang: 'zh' | 'en') => string }) {
  const { t } = useTranslation();
  return (
    <div className="templates">
      <h3>{t('import.templatesHeading')}</h3>
      <ul className="templates__list">
        {LAYOUTS.flatMap((layout) =>
          HEADER_LANGS.map((lang) => (
            <li key={`${layout}-${lang}`}>
              <DownloadButton fileName={`template-${layout}-${lang}.csv`} build={() => build(layout, lang)}>
                {t('import.templateButton', { layout: t(`import.layoutShort.${layout}`), lang: t(`import.headerLang.${lang}`) })}
              </DownloadButton>
            </li>
          )),
        )}
      </ul>
    </div>
  );
}
