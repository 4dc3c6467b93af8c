// Building the page: every string goes in as text (textContent, attribute values), never as markup.

/**
 * An element: h('a', {href: '#/x', class: 'btn'}, 'text', child...). Attributes starting with "on" are
 * listeners; strings and numbers among the children become text nodes.
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'value') el.value = value;
    else if (key === 'checked') el.checked = !!value;
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces the children of el. */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let seq = 0;
const nextId = (name) => 'f-' + String(name).replace(/[^A-Za-z0-9_-]/g, '') + '-' + (++seq);

/**
 * A labelled field bound to an API field name. opts: {type, value, help, match (phrases of server messages that
 * concern this field), options ([value, label] for a select), rows (textarea), min, max, placeholder, required}.
 * The input carries data-field; its error paragraph is found through aria-describedby.
 */
export function field(name, label, opts = {}) {
  const id = nextId(name);
  let input;
  if (opts.options) {
    input = h('select', { id, name }, opts.options.map(([value, text]) =>
      h('option', { value, selected: value === (opts.value ?? '') }, text)));
  } else if (opts.rows) {
    input = h('textarea', { id, name, rows: opts.rows, spellcheck: 'false', class: 'code', value: opts.value ?? '' });
  } else if (opts.type === 'checkbox') {
    input = h('input', { id, name, type: 'checkbox', checked: !!opts.value });
  } else {
    input = h('input', {
      id, name, type: opts.type || 'text', value: opts.value ?? '', min: opts.min, max: opts.max,
      placeholder: opts.placeholder, required: opts.required, autocomplete: 'off', spellcheck: 'false',
    });
  }
  input.dataset.field = name;
  input.dataset.match = [name, ...(opts.match || [])].join('|');
  const error = h('p', { id: id + '-error', class: 'field-error', role: 'alert', hidden: true });
  const help = opts.help ? h('p', { id: id + '-help', class: 'help' }, opts.help) : null;
  input.setAttribute('aria-describedby', [help ? help.id : null, error.id].filter(Boolean).join(' '));
  const wrap = opts.type === 'checkbox'
    ? h('div', { class: 'field check' }, input, h('label', { for: id }, label), help, error)
    : h('div', { class: 'field' }, h('label', { for: id }, label), input, help, error);
  wrap.input = input;
  return wrap;
}

/** A form with a form-level error line and a submit button; onsubmit gets the form and must return a promise. */
export function form(title, fields, submitLabel, onsubmit, extra = {}) {
  const status = h('p', { class: 'form-error', role: 'alert', hidden: true });
  const button = h('button', { type: 'submit', class: 'primary' }, submitLabel);
  const el = h('form', { class: 'card', novalidate: true, 'aria-label': title, ...extra },
    title ? h('h3', {}, title) : null, fields, status, h('div', { class: 'actions' }, button));
  el.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(el);
    button.disabled = true;
    try {
      await onsubmit(el);
    } catch (e) {
      showError(el, e);
    } finally {
      button.disabled = false;
    }
  });
  return el;
}

export function clearErrors(formEl) {
  for (const p of formEl.querySelectorAll('.field-error, .form-error')) {
    p.hidden = true;
    p.textContent = '';
  }
  for (const input of formEl.querySelectorAll('[aria-invalid]')) input.removeAttribute('aria-invalid');
}

/**
 * Shows a server error next to the field it concerns: the first field of the form (in page order) one of
 * whose phrases the message contains, else at the form's foot. What the user typed stays as it was.
 */
export function showError(formEl, error) {
  const message = error && error.message ? error.message : String(error);
  const lower = message.toLowerCase();
  const fields = [...formEl.querySelectorAll('[data-field]')].filter((f) => !f.closest('[hidden]'));
  const target = error && error.field ? fields.find((f) => f.dataset.field === error.field)
    : fields.find((f) => f.dataset.match.split('|').some((p) => p && lower.includes(p.toLowerCase())));
  if (target) {
    const p = document.getElementById(target.id + '-error');
    p.textContent = message;
    p.hidden = false;
    target.setAttribute('aria-invalid', 'true');
    target.focus();
  } else {
    const p = formEl.querySelector('.form-error');
    p.textContent = message;
    p.hidden = false;
  }
  if (!(error && error.status !== undefined) && !(error && error.field)) console.error(error);
}

/** A client-side refusal tied to one field (shown like a server error). */
export class FieldError extends Error {
  constructor(field, message) {
    super(message);
    this.field = field;
  }
}

/** A key/value list editor (request parameters, stage variables, templates). */
export function pairs(name, label, entries, opts = {}) {
  const rows = h('div', { class: 'pairs' });
  const keyLabel = opts.keyLabel || 'Key';
  const valueLabel = opts.valueLabel || 'Value';
  const addRow = (key = '', value = '') => {
    const n = rows.children.length + 1;
    const k = h('input', { type: 'text', value: key, 'aria-label': `${keyLabel} ${n}`, class: 'pair-key',
      placeholder: opts.keyPlaceholder, spellcheck: 'false', autocomplete: 'off' });
    const v = opts.code
      ? h('textarea', { rows: 4, class: 'code pair-value', value, 'aria-label': `${valueLabel} ${n}`, spellcheck: 'false' })
      : h('input', { type: 'text', value, class: 'pair-value', 'aria-label': `${valueLabel} ${n}`,
        placeholder: opts.valuePlaceholder, spellcheck: 'false', autocomplete: 'off' });
    const row = h('div', { class: 'pair' + (opts.code ? ' pair-code' : '') }, k, v,
      h('button', { type: 'button', class: 'link', onclick: () => row.remove() }, 'Remove'));
    rows.append(row);
    return row;
  };
  for (const [key, value] of Object.entries(entries || {})) addRow(key, value);
  const holder = h('input', { type: 'hidden', name });
  holder.dataset.field = name;
  holder.dataset.match = [name, ...(opts.match || [])].join('|');
  holder.id = nextId(name);
  const error = h('p', { id: holder.id + '-error', class: 'field-error', role: 'alert', hidden: true });
  const wrap = h('fieldset', { class: 'field pairs-field' }, h('legend', {}, label), holder, rows,
    h('button', { type: 'button', class: 'link add', onclick: () => addRow().querySelector('input').focus() },
      opts.addLabel || 'Add'), opts.help ? h('p', { class: 'help' }, opts.help) : null, error);
  /** The entries as an object, or undefined when there are none. */
  wrap.value = () => {
    const out = {};
    for (const row of rows.children) {
      const key = row.querySelector('.pair-key').value.trim();
      const value = row.querySelector('.pair-value').value;
      if (key) out[key] = value;
    }
    return Object.keys(out).length ? out : undefined;
  };
  wrap.addRow = addRow;
  return wrap;
}

/** A table of rows; columns are [heading, (item) => cell content]. */
export function table(label, columns, items, empty) {
  if (!items.length) return h('p', { class: 'empty' }, empty);
  return h('div', { class: 'table-wrap' }, h('table', { 'aria-label': label },
    h('thead', {}, h('tr', {}, columns.map(([heading]) => h('th', { scope: 'col' }, heading)))),
    h('tbody', {}, items.map((item) => h('tr', {}, columns.map(([, cell]) => h('td', {}, cell(item))))))));
}

export const link = (href, text, attrs = {}) => h('a', { href, ...attrs }, text);

/** The value of an input, trimmed; undefined when empty. */
export const val = (wrap) => {
  const v = wrap.input.value.trim();
  return v === '' ? undefined : v;
};
