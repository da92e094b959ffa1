import { useId, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * The way into projector mode: a link (so it can open in a window on the projector's screen) that,
 * clicked, asks for full screen where the browser allows it and then opens the page. Full screen
 * must be asked for during the click; a refusal leaves the page in the window.
 */
export function PresentLink({ href, onOpen }: { href: string; onOpen: () => void }) {
  const { t } = useTranslation();
  const hintId = useId();
  const open = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    if (document.fullscreenEnabled && !document.fullscreenElement) document.documentElement.requestFullscreen().catch(() => undefined);
    onOpen();
  };
  return (
    <p className="actions present-link">
      <a className="button" href={href} aria-describedby={hintId} onClick={open}>
        {t('present.open')}
      </a>
      <span id={hintId} className="muted">
        {t('present.openHint')}
      </span>
    </p>
  );
}
