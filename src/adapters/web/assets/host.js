// The host screen: the queue, live; every action is the chat command of the same name, held for undo first.

(() => {
  const { el, plural, follow } = window.page;
  const app = document.getElementById('app');
  const undoMs = Number(document.body.dataset.undoMs || '10000');
  const actionsUrl = `${location.pathname.replace(/\/+$/, '')}/actions`;
  const VERBS = {
    approve: 'Approve',
    reject: 'Reject',
    merge: 'Merge',
    edit: 'Edit',
    highlight: 'On stream',
    answered: 'Answered',
  };
  const KEYS = { a: 'approve', r: 'reject', m: 'merge', e: 'edit', s: 'highlight', d: 'answered' };

  let state = null;
  let sort = 'votes';
  let selected = null;
  let held = null;
  let asking = null;
  let note = '';
  let offers = [];

  const status = el('div', 'status');
  status.setAttribute('role', 'status');

  function say(text, choices = []) {
    note = text;
    offers = choices;
    renderStatus();
  }

  async function send(action, leaving = false) {
    try {
      const response = await fetch(actionsUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(action),
        credentials: 'same-origin',
        keepalive: leaving,
      });
      if (response.status === 404) return say('This link no longer works.');
      const answer = await response.json().catch(() => ({ ok: false, message: 'The bot did not answer.' }));
      say(answer.message || (answer.ok ? 'Done.' : 'That did not work.'), answer.offers || []);
    } catch {
      say('The bot cannot be reached; the action was not sent.');
    }
  }

  function release(leaving = false) {
    if (!held) return;
    const action = held.action;
    clearTimeout(held.timer);
    held = null;
    renderStatus();
    void send(action, leaving);
  }

  // Closing or leaving the page sends what is held rather than dropping it.
  window.addEventListener('pagehide', () => release(true));

  function hold(action) {
    release();
    if (undoMs <= 0) return void send(action);
    held = { action, timer: setTimeout(release, undoMs), until: Date.now() + undoMs };
    renderStatus();
  }

  function undo() {
    if (!held) return;
    clearTimeout(held.timer);
    say(`Undone: ${VERBS[held.action.action]} #${held.action.id}.`);
    held = null;
    renderStatus();
  }

  function ask(verb, id) {
    if (verb === 'reject' || verb === 'merge' || verb === 'edit') {
      asking = { verb, id };
      render();
      const input = app.querySelector('.ask input');
      if (input) input.focus();
      return;
    }
    hold({ action: verb, id });
  }

  function submitAsk(value) {
    const { verb, id } = asking;
    asking = null;
    if (verb === 'reject') hold({ action: 'reject', id, reason: value });
    else if (verb === 'merge') {
      const into = Number.parseInt(value.replace(/^#/, ''), 10);
      if (!Number.isSafeInteger(into) || into < 1) say('Type the number of the question to keep, e.g. 4.');
      else hold({ action: 'merge', id, into });
    } else if (value.trim() !== '') hold({ action: 'edit', id, text: value });
    render();
  }

  function renderStatus() {
    const parts = [];
    if (held) {
      const line = el('div', 'held');
      line.append(el('span', '', `${VERBS[held.action.action]} #${held.action.id} in a moment… `));
      const button = el('button', 'undo', 'Undo (u)');
      button.type = 'button';
      button.addEventListener('click', undo);
      line.append(button);
      parts.push(line);
    }
    if (note) {
      const line = el('div', 'note', note);
      for (const offer of offers) {
        const button = el('button', 'offer', offer.label);
        button.type = 'button';
        button.addEventListener('click', () => {
          offers = [];
          hold(offer.action);
        });
        line.append(' ', button);
      }
      parts.push(line);
    }
    status.replaceChildren(...parts);
  }

  function askForm() {
    const form = el('form', 'ask');
    const label = { reject: 'Reason (sent privately, optional)', merge: 'Merge into question number', edit: 'New text' }[
      asking.verb
    ];
    const input = el('input');
    input.name = 'value';
    input.setAttribute('aria-label', label);
    input.placeholder = label;
    if (asking.verb === 'edit') {
      const question = state.queue.find((item) => item.id === asking.id);
      input.value = question ? question.text : '';
      input.maxLength = 300;
    }
    if (asking.verb === 'reject') input.maxLength = 300;
    const ok = el('button', 'primary', `${VERBS[asking.verb]} #${asking.id}`);
    ok.type = 'submit';
    const cancel = el('button', '', 'Cancel');
    cancel.type = 'button';
    cancel.addEventListener('click', () => {
      asking = null;
      render();
    });
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      submitAsk(input.value);
    });
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        asking = null;
        render();
      }
    });
    form.append(el('label', '', label), input, ok, cancel);
    return form;
  }

  function sorted(queue) {
    const items = [...queue];
    if (sort === 'new') items.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
    else items.sort((a, b) => b.votes - a.votes || a.id - b.id);
    return items;
  }

  function row(question) {
    const item = el('li', `question ${question.status}`);
    item.dataset.id = String(question.id);
    if (question.id === selected) item.classList.add('selected');
    if (state.onStream && state.onStream.id === question.id) item.classList.add('live');
    const head = el('div', 'head');
    head.append(
      el('span', 'number', `#${question.id}`),
      el('span', 'badge', question.status === 'approved' ? 'approved' : 'waiting'),
    );
    if (question.category) head.append(el('span', 'category', question.category));
    head.append(el('span', 'votes', plural(question.votes, 'vote')));
    head.append(el('span', 'author', question.author || 'anonymous'));
    const buttons = el('div', 'buttons');
    for (const [key, verb] of Object.entries(KEYS)) {
      if (verb === 'approve' && question.status === 'approved') continue;
      const button = el('button', `act ${verb}`, VERBS[verb]);
      button.type = 'button';
      button.title = `${VERBS[verb]} (${key})`;
      button.addEventListener('click', () => {
        selected = question.id;
        ask(verb, question.id);
      });
      buttons.append(button);
    }
    item.append(head, el('p', 'text', question.text), buttons);
    item.addEventListener('click', (event) => {
      if (event.target.closest('button')) return;
      selected = question.id;
      render();
    });
    return item;
  }

  function render() {
    if (!state) return;
    const header = el('header');
    header.append(el('h1', '', state.title), el('span', 'state', state.open ? 'live' : 'ended'));
    const counts = el('div', 'counts');
    const c = state.counts;
    counts.append(
      el('span', 'count pending', `${c.pending} waiting`),
      el('span', 'count approved', `${c.approved} approved`),
      el('span', 'count answered', `${c.answered} answered`),
      el('span', 'count rejected', `${c.rejected} rejected`),
      el('span', 'count submitted', `${c.submitted} asked`),
    );
    const tools = el('div', 'tools');
    for (const [value, label] of [
      ['votes', 'Most votes (v)'],
      ['new', 'Newest (n)'],
    ]) {
      const button = el('button', sort === value ? 'sort active' : 'sort', label);
      button.type = 'button';
      button.setAttribute('aria-pressed', String(sort === value));
      button.addEventListener('click', () => {
        sort = value;
        selected = null;
        render();
      });
      tools.append(button);
    }
    const onStream = el('section', 'now');
    onStream.append(el('h2', '', 'On stream now'));
    onStream.append(el('p', 'text', state.onStream ? `#${state.onStream.id} ${state.onStream.text}` : 'Nothing yet.'));
    const list = el('ol', 'queue');
    const items = sorted(state.queue);
    if (selected === null || !items.some((item) => item.id === selected)) selected = items.length > 0 ? items[0].id : null;
    for (const question of items) list.append(row(question));
    if (items.length === 0) list.append(el('li', 'empty', 'No questions waiting.'));
    const help = el(
      'p',
      'help',
      'Keys: j/k or arrows choose · a approve · r reject · m merge · e edit · s on stream · d answered · u undo',
    );
    const parts = [header, counts, tools, status, onStream];
    if (asking) parts.push(askForm());
    parts.push(list, help);
    app.replaceChildren(...parts);
    renderStatus();
  }

  function move(step) {
    const items = sorted(state ? state.queue : []);
    if (items.length === 0) return;
    const at = items.findIndex((item) => item.id === selected);
    const next = items[Math.min(items.length - 1, Math.max(0, at + step))];
    selected = next.id;
    render();
    const node = app.querySelector(`li[data-id="${next.id}"]`);
    if (node) node.scrollIntoView({ block: 'nearest' });
  }

  document.addEventListener('keydown', (event) => {
    if (event.target instanceof HTMLInputElement || event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'j' || event.key === 'ArrowDown') move(1);
    else if (key === 'k' || event.key === 'ArrowUp') move(-1);
    else if (key === 'u') undo();
    else if (key === 'v' || key === 'n') {
      sort = key === 'v' ? 'votes' : 'new';
      selected = null;
      render();
    } else if (KEYS[key] && selected !== null) ask(KEYS[key], selected);
    else return;
    event.preventDefault();
  });

  follow(
    (next) => {
      state = next;
      if (!asking) render();
    },
    () => {
      state = null;
      app.replaceChildren(el('p', 'note', 'This link no longer works.'));
    },
  );
})();
