import type { StreamLinkKind } from '../../core/stream/link-ports.js';

/**
 * The page shells hold no user text and no inline script or style: the page's script reads its state from the
 * event stream and writes every string as text.
 */
export function pageHtml(kind: StreamLinkKind, undoMs: number): string {
  const title = kind === 'overlay' ? 'Stream overlay' : 'Host screen';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title}</title>
<link rel="stylesheet" href="/assets/${kind}.css">
<script src="/assets/common.js" defer></script>
<script src="/assets/${kind}.js" defer></script>
</head>
<body class="${kind}" data-undo-ms="${String(Math.max(0, Math.round(undoMs)))}">
<main id="app" aria-live="polite"></main>
</body>
</html>
`;
}

export const NOT_FOUND_HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Not found</title></head><body><p>Not found.</p></body></html>
`;
