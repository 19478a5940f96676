// Shared by both pages: builds elements with text only (never markup) and follows the page's event stream.

window.page = {
  el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  },

  plural(count, word) {
    return `${count} ${word}${count === 1 ? '' : 's'}`;
  },

  /** Opens the event stream; after a restart or a dropped connection it opens again by itself. */
  follow(onState, onGone) {
    const url = `${location.pathname.replace(/\/+$/, '')}/events`;
    let delay = 1000;
    let source;
    const open = () => {
      source = new EventSource(url);
      source.addEventListener('state', (event) => {
        delay = 1000;
        document.body.classList.remove('offline');
        onState(JSON.parse(event.data));
      });
      source.addEventListener('gone', () => {
        source.close();
        onGone();
      });
      source.addEventListener('error', () => {
        document.body.classList.add('offline');
        if (source.readyState === EventSource.CLOSED) {
          setTimeout(open, delay);
          delay = Math.min(delay * 2, 30000);
        }
      });
    };
    open();
  },
};
