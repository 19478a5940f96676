// The OBS overlay: the question on stream, the three most wanted after it, and how to ask.

(() => {
  const { el, plural, follow } = window.page;
  const app = document.getElementById('app');
  let shownId = null;

  function meta(question) {
    const line = el('div', 'meta');
    if (question.category) line.append(el('span', 'category', question.category));
    line.append(el('span', 'author', question.author ? `asked by ${question.author}` : 'asked anonymously'));
    line.append(el('span', 'votes', plural(question.votes, 'vote')));
    return line;
  }

  function render(state) {
    const root = el('div', 'overlay-root');
    if (state.onStream) {
      const card = el('section', 'on-stream');
      card.dataset.id = String(state.onStream.id);
      if (state.onStream.id !== shownId) card.classList.add('enter');
      card.append(el('div', 'label', 'On stream now'), el('p', 'question', state.onStream.text), meta(state.onStream));
      root.append(card);
    }
    shownId = state.onStream ? state.onStream.id : null;
    if (state.next.length > 0) {
      const next = el('section', 'next');
      next.append(el('div', 'label', 'Most wanted next'));
      const list = el('ol');
      for (const question of state.next) {
        const item = el('li');
        item.append(el('span', 'text', question.text), el('span', 'votes', plural(question.votes, 'vote')));
        list.append(item);
      }
      next.append(list);
      root.append(next);
    }
    if (state.open) root.append(el('div', 'cta', state.callToAction));
    app.replaceChildren(root);
  }

  follow(render, () => app.replaceChildren());
})();
