// The storyline explorer: reads the NLP API's /v1 endpoints and draws storylines, timelines, events and documents.
// Every text from the API goes into the page as a text node (append / textContent), never as markup.

const keyStorage = 'storytelling.apiKey';
const view = document.getElementById('view');
const notice = document.getElementById('notice');
const list = document.getElementById('storylines');
const moreButton = document.getElementById('more-storylines');
const keyInput = document.getElementById('key-input');
const searchInput = document.getElementById('search-input');
const svgNs = 'http://www.w3.org/2000/svg';

// ---------------------------------------------------------------- building nodes

/** An element with attributes (class, href, ...; on* adds a listener) and children (strings become text nodes). */
function h(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  setAttributes(node, attributes);
  node.append(...children.flat(Infinity).filter(c => c !== null && c !== undefined && c !== false));
  return node;
}

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(svgNs, tag);
  setAttributes(node, attributes);
  node.append(...children);
  return node;
}

function setAttributes(node, attributes) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
}

const link = (href, ...children) => h('a', { href }, ...children);
const day = value => (value ? String(value).slice(0, 10) : null);
const plural = (n, word, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const range = (start, end) => (start || end ? `${day(start) ?? '?'} to ${day(end) ?? '?'}` : 'no dates');
const encode = encodeURIComponent;

const routes = {
  storyline: id => `#/storyline/${encode(id)}`,
  document: id => `#/document/${encode(id)}`,
  event: (documentId, eventId) => `#/document/${encode(documentId)}/event/${encode(eventId)}`,
  search: q => `#/search?q=${encode(q)}`,
};

// ---------------------------------------------------------------- the API

class ApiError extends Error {
  constructor(status, path, detail) {
    super(`GET ${path}: ${status}${detail ? ` (${detail})` : ''}`);
    this.status = status;
    this.path = path;
    this.detail = detail;
  }
}

async function api(path) {
  const headers = { Accept: 'application/json' };
  const key = sessionStorage.getItem(keyStorage);
  if (key) headers['X-API-Key'] = key;
  let response;
  try {
    response = await fetch(path, { headers });
  } catch (error) {
    throw new ApiError(0, path, `the service did not answer: ${error.message}`);
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    const error = new ApiError(response.status, path, problem?.detail ?? problem?.title ?? response.statusText);
    if (error.status === 401) askForKey(error);
    throw error;
  }
  notice.hidden = true;
  return response.json();
}

/** The notice above every view while the service refuses the key (or its absence). */
function askForKey(error) {
  notice.replaceChildren(h('h2', {}, 'API key needed'),
    h('p', {}, 'This service asks for an API key. Enter it in the "API key" field at the top and choose "Use key"; ',
      'it is kept for this browser tab only.'),
    h('p', { class: 'muted' }, `The service said: ${error.detail}`));
  notice.hidden = false;
  keyInput.focus();
}

function problemView(error, what) {
  if (error.status === 401) return [h('h2', { tabindex: -1 }, `Cannot show ${what} without the API key`)];
  return h('section', { class: 'problem', role: 'alert' },
    h('h2', {}, `Could not load ${what}`),
    h('p', {}, error instanceof ApiError ? `${error.status === 404 ? 'Not found' : `Status ${error.status}`}: ${error.detail}` : String(error)),
    h('p', { class: 'muted' }, error instanceof ApiError ? `Request: GET ${error.path}` : ''));
}

// ---------------------------------------------------------------- the storylines list

let nextCursor = null;

async function loadStorylines(append) {
  const note = document.getElementById('storylines-note');
  const path = '/v1/storylines?limit=25' + (append && nextCursor ? `&after=${encode(nextCursor)}` : '');
  try {
    const page = await api(path);
    if (!append) list.replaceChildren();
    for (const s of page.storylines) {
      list.append(h('li', {}, link(routes.storyline(s.id), h('span', {}, s.title || s.id),
        h('span', { class: 'meta' }, `${plural(s.document_count, 'article')}, ${plural(s.event_count, 'event')}, ${range(s.start_at, s.end_at)}`))));
    }
    nextCursor = page.next_cursor;
    moreButton.hidden = !nextCursor;
    note.textContent = list.children.length ? 'Most recently updated first.' : 'No storylines yet: they appear once the storyline builder has run.';
    markCurrent();
  } catch (error) {
    if (!append) list.replaceChildren();
    moreButton.hidden = true;
    note.textContent = error.status === 401 ? 'Enter the API key above to see the storylines.' : `Could not load storylines: ${error.message}`;
  }
}

function markCurrent() {
  for (const a of list.querySelectorAll('a')) {
    if (a.getAttribute('href') === location.hash) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

// ---------------------------------------------------------------- highlighting spans of a text

/**
 * The part [from, to) of text as nodes, with each span ({start, end, cls, label}) inside it marked. Where spans
 * overlap, the earlier span in the list gives the mark its class; the title names every span covering the part.
 */
function highlight(text, from, to, spans) {
  const inside = spans.filter(s => s.start < to && s.end > from && s.start < s.end);
  const cuts = [...new Set([from, to, ...inside.flatMap(s => [Math.max(s.start, from), Math.min(s.end, to)])])].sort((a, b) => a - b);
  const nodes = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [start, end] = [cuts[i], cuts[i + 1]];
    const covering = inside.filter(s => s.start <= start && s.end >= end);
    const part = text.slice(start, end);
    if (!covering.length) nodes.push(part);
    else nodes.push(h('mark', { class: covering[0].cls, title: covering.map(s => s.label).join(', '), 'data-type': covering[0].tag }, part));
  }
  return nodes;
}

/** A search snippet: the API marks matches with « and »; they become mark elements. */
function snippet(text) {
  return text.split(/(«[^»]*»)/).filter(Boolean).map(part => (part.startsWith('«') ? h('mark', {}, part.slice(1, -1)) : part));
}

// ---------------------------------------------------------------- event cards and fields

function argumentText(a) {
  return a ? a.text : null;
}

function places(e) {
  return (e.where ?? []).map(p => p.text).join('; ') || null;
}

function whenText(e) {
  if (!e.when) return null;
  const shown = e.when.value ?? day(e.when.begin) ?? '';
  return e.when.text && e.when.text !== shown ? `${shown} ("${e.when.text}")` : shown + (e.when.document_date_fallback ? ' (article date)' : '');
}

function flags(e) {
  return ['negated', 'hypothetical', 'reported'].filter(f => e[f]).map(f => h('span', { class: 'flag' }, f));
}

function argumentList(pairs) {
  const dl = h('dl', { class: 'args' });
  for (const [name, value] of pairs) if (value) dl.append(h('dt', {}, name), h('dd', {}, value));
  return dl;
}

/** An event as a timeline card; titles maps document ids to their titles (the id is shown without one). */
function eventCard(e, titles) {
  return h('article', { class: 'event', 'data-event': e.id },
    h('div', { class: 'head' },
      h('strong', {}, link(routes.event(e.document_id, e.id), e.trigger.text)),
      h('span', { class: 'type' }, e.type),
      flags(e),
      h('span', { class: 'muted' }, 'in ', link(routes.document(e.document_id), titles?.get(e.document_id) || e.document_id))),
    argumentList([['who', argumentText(e.who)], ['did', e.trigger.lemma], ['to whom', argumentText(e.whom)], ['what', argumentText(e.what)],
      ['where', places(e)], ['when', whenText(e)]]));
}

// ---------------------------------------------------------------- views

function homeView() {
  return [h('h2', { tabindex: -1 }, 'Storyline explorer'),
    h('p', {}, 'Choose a storyline on the left to see its events as a timeline, or search documents and events above.'),
    h('p', { class: 'muted' }, 'From a timeline, open an event to see the sentence it came from, and a document to see its entities and ',
      'dependency trees.')];
}

async function storylineView(id) {
  const s = await api(`/v1/storylines/${encode(id)}`);
  const titles = new Map(s.documents.map(d => [d.document_id, d.title]));
  const timeline = h('div', { id: 'timeline' });
  const types = [...new Set(s.events.map(e => e.type))].sort();
  const select = h('select', { id: 'type-filter', onchange: () => drawTimeline(timeline, s.events, select.value, titles) },
    h('option', { value: '' }, `all types (${s.events.length})`),
    types.map(t => h('option', { value: t }, `${t} (${s.events.filter(e => e.type === t).length})`)));
  drawTimeline(timeline, s.events, '', titles);
  document.title = `${s.title} - Storyline explorer`;
  return [h('div', { class: 'crumbs' }, link('#/', 'Storylines'), ' / storyline'),
    h('h2', { tabindex: -1 }, s.title || s.id),
    h('p', { class: 'subtitle muted' }, `${plural(s.document_count, 'article')}, ${plural(s.event_count, 'event')}, ${range(s.start_at, s.end_at)}, `,
      `version ${s.version}, updated ${day(s.updated_at)}`),
    h('details', {}, h('summary', {}, `Articles (${s.documents.length})`),
      h('ul', {}, s.documents.map(d => h('li', {}, link(routes.document(d.document_id), d.title || d.document_id),
        h('span', { class: 'muted' }, ` ${day(d.published_at) ?? 'date not known'}`))))),
    h('div', { class: 'toolbar' }, h('label', { for: 'type-filter' }, 'Event type'), select),
    timeline];
}

/** Events (already in time order) grouped by the day they happened, or the article's day when the text gives none. */
function drawTimeline(container, events, type, titles) {
  const groups = [];
  for (const e of events.filter(x => !type || x.type === type)) {
    const key = day(e.when?.begin) ?? 'date not known';
    if (groups.at(-1)?.key !== key) groups.push({ key, events: [] });
    groups.at(-1).events.push(e);
  }
  container.replaceChildren(...groups.map(g => h('section', { class: 'day' },
    h('h3', { class: 'date' }, g.key, ' ', h('span', { class: 'muted' }, `(${plural(g.events.length, 'event')})`)),
    h('div', { class: 'timeline' }, g.events.map(e => eventCard(e, titles))))));
  if (!groups.length) container.append(h('p', { class: 'muted' }, 'No events of this type.'));
}

const roleNames = { trigger: 'trigger', who: 'who', whom: 'to whom', what: 'what', where: 'where', when: 'when' };

function eventSpans(e) {
  const spans = [{ start: e.trigger.start, end: e.trigger.end, cls: 'trigger', label: 'trigger' }];
  for (const role of ['where', 'when', 'who', 'whom', 'what']) {
    for (const a of role === 'where' ? e.where ?? [] : [e[role]]) {
      if (a && Number.isInteger(a.start) && Number.isInteger(a.end)) spans.push({ start: a.start, end: a.end, cls: role, label: roleNames[role] });
    }
  }
  return spans;
}

async function eventView(documentId, eventId) {
  const d = await api(`/v1/documents/${encode(documentId)}`);
  const e = d.events.find(x => x.id === eventId);
  if (!e) throw new ApiError(404, `/v1/documents/${encode(documentId)}`, `document '${documentId}' has no event '${eventId}'`);
  const sentence = d.annotations.sentences[e.sentence];
  const spans = eventSpans(e);
  const quote = sentence
    ? h('blockquote', { id: 'event-sentence' }, highlight(d.text, sentence.start, sentence.end, spans))
    : h('p', { class: 'muted' }, `The stored annotations have no sentence ${e.sentence}.`);
  const present = Object.keys(roleNames).filter(r => spans.some(s => s.cls === r));
  document.title = `${e.trigger.text} (${e.type}) - Storyline explorer`;
  const nodes = [h('div', { class: 'crumbs' }, link('#/', 'Storylines'), ' / ',
      e.storyline_id ? [link(routes.storyline(e.storyline_id), 'storyline'), ' / '] : null,
      link(routes.document(d.document_id), d.title || d.document_id), ' / event'),
    h('h2', { tabindex: -1 }, e.trigger.text, ' ', h('span', { class: 'type' }, e.type), ' ', flags(e)),
    h('h3', {}, `The sentence (sentence ${e.sentence + 1} of "${d.title || d.document_id}")`),
    quote,
    h('div', { class: 'legend', 'aria-label': 'Highlight colours' }, present.map(r => h('mark', { class: r }, roleNames[r]))),
    h('h3', {}, 'Fields'),
    h('div', { class: 'fields' }, argumentList([
      ['event', e.id], ['type', e.type], ['trigger', `${e.trigger.text} (lemma ${e.trigger.lemma}${e.trigger.nominal ? ', a noun' : ''})`],
      ['who', describe(e.who)], ['to whom', describe(e.whom)], ['what', describe(e.what)],
      ['where', (e.where ?? []).map(describe).join('; ') || null], ['when', whenText(e)],
      ['negated', e.negated ? 'yes' : 'no'], ['hypothetical', e.hypothetical ? 'yes' : 'no'], ['reported', e.reported ? 'yes (someone said so)' : 'no'],
      ['confidence', String(e.confidence)], ['cluster', e.cluster_id ?? 'not linked yet'],
      ['document', `${d.document_id}, published ${day(d.published_at) ?? 'on an unknown date'}`]]))];
  if (e.storyline_id && e.cluster_id) nodes.push(...await sameEvent(e));
  return nodes;
}

function describe(a) {
  if (!a) return null;
  return a.text + (a.entity_type ? ` [${a.entity_type}]` : '');
}

/** The other reports of the same event: events of the storyline in the same cross-document cluster. */
async function sameEvent(e) {
  const s = await api(`/v1/storylines/${encode(e.storyline_id)}`);
  const others = s.events.filter(x => x.cluster_id === e.cluster_id && x.id !== e.id);
  if (!others.length) return [h('p', { class: 'muted' }, 'No other article reports this event.')];
  const titles = new Map(s.documents.map(d => [d.document_id, d.title]));
  return [h('h3', {}, `Other reports of this event (${others.length})`), h('div', { class: 'timeline' }, others.map(x => eventCard(x, titles)))];
}

const entityNames = { PER: 'person', ORG: 'organisation', LOC: 'place', DATE: 'date', TIME: 'time', MONEY: 'money', PERCENT: 'percent',
  QUANTITY: 'quantity', CARDINAL: 'number', ORDINAL: 'ordinal' };

async function documentView(documentId) {
  const d = await api(`/v1/documents/${encode(documentId)}`);
  const a = d.annotations;
  const entities = (a.entities ?? []).map(x => ({ start: x.start, end: x.end, cls: `entity ${x.type}`, tag: x.type, label: `${x.type}: ${entityNames[x.type] ?? x.type}` }));
  const types = [...new Set((a.entities ?? []).map(x => x.type))].sort();
  document.title = `${d.title || d.document_id} - Storyline explorer`;
  return [h('div', { class: 'crumbs' }, link('#/', 'Storylines'), ' / ',
      d.storyline_id ? [link(routes.storyline(d.storyline_id), 'storyline'), ' / '] : null, 'document'),
    h('h2', { tabindex: -1 }, d.title || d.document_id),
    h('p', { class: 'subtitle muted' }, `${d.document_id}, published ${day(d.published_at) ?? 'on an unknown date'}, language ${d.language ?? '?'}; `,
      `${plural(d.counts.sentences, 'sentence')}, ${plural(d.counts.tokens, 'token')}, ${plural(d.counts.entities, 'entity', 'entities')}, `,
      `${plural(d.counts.events, 'event')}; job ${d.job_id}, line ${d.line}`),
    h('h3', {}, 'Text and entities'),
    h('div', { class: 'legend', 'aria-label': 'Entity types' }, types.map(t => h('mark', { class: `entity ${t}`, 'data-type': t }, entityNames[t] ?? t))),
    h('div', { class: 'text', id: 'document-text' }, highlight(d.text, 0, d.text.length, entities)),
    h('h3', {}, `Events (${d.events.length})`),
    d.events.length
      ? h('ul', {}, d.events.map(e => h('li', {}, link(routes.event(d.document_id, e.id), e.trigger.text), ' ', h('span', { class: 'type' }, e.type),
        e.who ? ` who: ${e.who.text}` : '', e.whom ? `; to whom: ${e.whom.text}` : '', e.what ? `; what: ${e.what.text}` : '')))
      : h('p', { class: 'muted' }, 'No events in this document.'),
    h('h3', {}, 'Sentences and their dependencies'),
    a.sentences.map((s, i) => h('details', { class: 'sentence', open: i === 0 },
      h('summary', {}, `${i + 1}. `, d.text.slice(s.start, s.end)),
      h('div', { class: 'arcs' }, dependencyTree(s, i))))];
}

// ---------------------------------------------------------------- a sentence's dependency tree as arcs

const levelHeight = 22;

/** The tokens in a row, each with its tag below it, and an arc from every head to its dependent labelled with the relation. */
function dependencyTree(sentence, index) {
  const tokens = sentence.tokens;
  if (!tokens.length || tokens.some(t => t.head === null || t.head === undefined)) {
    return h('p', { class: 'muted' }, 'This sentence has no parse (the pipeline ran no dependency parser).');
  }
  const widths = tokens.map(t => Math.max(t.text.length, (t.upos ?? '').length, 3) * 7.5 + 16);
  const centers = [];
  widths.reduce((x, w) => { centers.push(x + w / 2); return x + w; }, 8);
  // An arc's level is one above the highest arc it spans, so arcs never cross their inner arcs' labels.
  const arcs = tokens.filter(t => t.head > 0).map(t => ({ from: t.head - 1, to: t.i - 1, rel: t.deprel }))
    .sort((x, y) => Math.abs(x.to - x.from) - Math.abs(y.to - y.from));
  for (const arc of arcs) {
    const [l, r] = [Math.min(arc.from, arc.to), Math.max(arc.from, arc.to)];
    arc.level = 1 + Math.max(0, ...arcs.filter(o => o.level && Math.min(o.from, o.to) >= l && Math.max(o.from, o.to) <= r).map(o => o.level));
  }
  const top = Math.max(1, ...arcs.map(a => a.level)) * levelHeight * 0.75 + 24;
  const width = widths.reduce((x, w) => x + w, 16);
  const words = tokens.map((t, i) => [svg('text', { class: 'word', x: centers[i], y: top + 20 }, t.text),
    svg('text', { class: 'tag', x: centers[i], y: top + 36 }, t.upos ?? '')]).flat();
  const drawn = arcs.map(arc => {
    const [x1, x2] = [centers[arc.from], centers[arc.to]];
    const rise = arc.level * levelHeight;
    const head = tokens[arc.from].text, dependent = tokens[arc.to].text;
    return svg('g', {},
      svg('title', {}, `${arc.rel}: ${head} → ${dependent}`),
      svg('path', { class: 'arc', d: `M${x1},${top} C${x1},${top - rise} ${x2},${top - rise} ${x2},${top}` }),
      svg('path', { class: 'head', d: `M${x2 - 4},${top - 7} L${x2},${top} L${x2 + 4},${top - 7} Z` }),
      svg('text', { class: 'rel', x: (x1 + x2) / 2, y: top - rise * 0.75 - 3 }, arc.rel));
  });
  const roots = tokens.filter(t => t.head === 0).map(t => svg('g', {},
    svg('title', {}, `root: ${t.text}`),
    svg('path', { class: 'arc', d: `M${centers[t.i - 1]},4 L${centers[t.i - 1]},${top}` }),
    svg('path', { class: 'head', d: `M${centers[t.i - 1] - 4},${top - 7} L${centers[t.i - 1]},${top} L${centers[t.i - 1] + 4},${top - 7} Z` }),
    svg('text', { class: 'rel', x: centers[t.i - 1] + 16, y: 14 }, 'root')));
  return svg('svg', { width, height: top + 44, viewBox: `0 0 ${width} ${top + 44}`, role: 'img',
    'aria-label': `Dependency tree of sentence ${index + 1}: ${plural(arcs.length, 'arc')}` }, ...drawn, ...roots, ...words);
}

// ---------------------------------------------------------------- search

async function searchView(q) {
  searchInput.value = q;
  if (!q.trim()) return [h('h2', { tabindex: -1 }, 'Search'), h('p', {}, 'Type words to search for in the box above.')];
  const [found, titled] = await Promise.all([api(`/v1/search?q=${encode(q)}&limit=20`), api(`/v1/storylines?q=${encode(q)}&limit=10`)]);
  document.title = `${q} - Search - Storyline explorer`;
  const none = text => h('p', { class: 'muted' }, text);
  return [h('h2', { tabindex: -1 }, `Search: ${q}`),
    h('p', { class: 'muted' }, `${plural(titled.storylines.length, 'storyline')}, ${plural(found.documents.length, 'document')} and `,
      `${plural(found.events.length, 'event')} found (best first; words are stemmed, "a phrase" and -word work).`),
    h('section', { id: 'storyline-hits' }, h('h3', {}, 'Storylines with these words in the title'),
      titled.storylines.length ? h('ul', { class: 'hits' }, titled.storylines.map(s => h('li', {}, link(routes.storyline(s.id), s.title || s.id),
        h('span', { class: 'meta muted' }, ` ${plural(s.document_count, 'article')}, ${range(s.start_at, s.end_at)}`)))) : none('None.')),
    h('section', { id: 'document-hits' }, h('h3', {}, 'Documents'),
      found.documents.length ? h('ul', { class: 'hits' }, found.documents.map(d => h('li', {}, link(routes.document(d.document_id), d.title || d.document_id),
        h('span', { class: 'snippet' }, snippet(d.snippet))))) : none('None.')),
    h('section', { id: 'event-hits' }, h('h3', {}, 'Events'),
      found.events.length ? h('ul', { class: 'hits' }, found.events.map(e => h('li', {}, link(routes.event(e.document_id, e.event_id), e.trigger), ' ',
        h('span', { class: 'type' }, e.type), ' in ', link(routes.document(e.document_id), e.document_id),
        h('span', { class: 'snippet' }, snippet(e.snippet))))) : none('None.'))];
}

// ---------------------------------------------------------------- routing

let rendering = 0;

/** Draws the view the address names: #/, #/search?q=, #/storyline/ID, #/document/ID, #/document/ID/event/EVENT. */
async function route(moveFocus) {
  const hash = location.hash;
  if (hash && !hash.startsWith('#/')) return;
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  const turn = ++rendering;
  markCurrent();
  document.title = 'Storyline explorer';
  view.setAttribute('aria-busy', 'true');
  let nodes;
  try {
    if (parts[0] === 'storyline' && parts.length === 2) nodes = await storylineView(parts[1]);
    else if (parts[0] === 'document' && parts.length === 2) nodes = await documentView(parts[1]);
    else if (parts[0] === 'document' && parts[2] === 'event' && parts.length === 4) nodes = await eventView(parts[1], parts[3]);
    else if (parts[0] === 'search') nodes = await searchView(new URLSearchParams(query).get('q') ?? '');
    else nodes = homeView();
  } catch (error) {
    nodes = [problemView(error, parts[0] ? `this ${parts[2] ?? parts[0]}` : 'the page')];
  }
  if (turn !== rendering) return;
  view.replaceChildren(...[nodes].flat(Infinity));
  view.removeAttribute('aria-busy');
  if (moveFocus) (view.querySelector('h2') ?? view).focus();
}

function showKeyState() {
  document.getElementById('key-state').textContent = sessionStorage.getItem(keyStorage) ? 'key set for this tab' : '';
}

document.getElementById('search-form').addEventListener('submit', event => {
  event.preventDefault();
  location.hash = routes.search(searchInput.value.trim());
});
document.getElementById('key-form').addEventListener('submit', event => {
  event.preventDefault();
  const key = keyInput.value.trim();
  if (key) sessionStorage.setItem(keyStorage, key);
  else sessionStorage.removeItem(keyStorage);
  keyInput.value = '';
  showKeyState();
  loadStorylines(false);
  route(false);
});
document.querySelector('.skip').addEventListener('click', event => {
  event.preventDefault();
  view.focus();
});
moreButton.addEventListener('click', () => loadStorylines(true));
window.addEventListener('hashchange', () => route(true));

showKeyState();
loadStorylines(false);
route(false);
