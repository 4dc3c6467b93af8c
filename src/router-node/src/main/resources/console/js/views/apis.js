// APIs: list, create, delete with confirmation; one API's page with its routes and settings.
import { api } from '../api.js';
import { h, field, form, table, link, val } from '../dom.js';
import { go } from '../nav.js';
import { typeLabel } from './integration.js';

const enc = encodeURIComponent;

/** A delete button that asks first, inline (keyboard-usable, no browser dialog). */
export function confirmDelete(what, onconfirm) {
  const box = h('span', { class: 'confirm' });
  const ask = h('button', { type: 'button', class: 'danger', onclick: () => {
    const error = h('span', { class: 'form-error', role: 'alert' });
    const yes = h('button', { type: 'button', class: 'danger', onclick: async () => {
      yes.disabled = true;
      try { await onconfirm(); } catch (e) { error.textContent = e.message; yes.disabled = false; }
    } }, 'Delete');
    box.replaceChildren(h('span', {}, 'Delete ' + what + '? '), yes, h('button', { type: 'button', onclick: () => {
      box.replaceChildren(ask);
      ask.focus();
    } }, 'Cancel'), error);
    yes.focus();
  } }, 'Delete');
  box.append(ask);
  return box;
}

function apiFields(a = {}) {
  return {
    name: field('name', 'Name', { value: a.name, required: true, match: ['API name'] }),
    rse: field('routeSelectionExpression', 'Route selection expression', {
      value: a.routeSelectionExpression ?? (a.apiId ? '' : '$request.body.action'),
      match: ['route selection expression'] }),
    description: field('description', 'Description', { value: a.description }),
    akse: field('apiKeySelectionExpression', 'API key selection expression', {
      options: [['$request.header.x-api-key', '$request.header.x-api-key'],
        ['$context.authorizer.usageIdentifierKey', '$context.authorizer.usageIdentifierKey']],
      value: a.apiKeySelectionExpression || '$request.header.x-api-key', match: ['api key selection'] }),
  };
}

export async function apisView() {
  const apis = await api.apis();
  const f = apiFields();
  return [
    h('h2', {}, 'APIs'),
    table('APIs', [
      ['Name', (a) => link('#/apis/' + enc(a.apiId), a.name)],
      ['ID', (a) => h('code', {}, a.apiId)],
      ['Protocol', (a) => a.protocolType],
      ['Description', (a) => a.description || ''],
      ['', (a) => confirmDelete('API ' + a.name, async () => { await api.deleteApi(a.apiId); go('#/apis'); })],
    ], apis, 'No APIs yet.'),
    form('Create a WebSocket API', Object.values(f), 'Create API', async () => {
      const created = await api.createApi({
        name: val(f.name) ?? '', protocolType: 'WEBSOCKET', routeSelectionExpression: val(f.rse),
        description: val(f.description), apiKeySelectionExpression: f.akse.input.value,
      });
      go('#/apis/' + enc(created.apiId));
    }, { id: 'create-api' }),
  ];
}

export async function apiView(apiId) {
  const [a, routes, integrations] = await Promise.all([api.getApi(apiId), api.routes(apiId), api.integrations(apiId)]);
  const byId = Object.fromEntries(integrations.map((i) => [i.integrationId, i]));
  const integrationOf = (r) => r.target && byId[r.target.replace(/^integrations\//, '')];
  const base = '#/apis/' + enc(apiId);
  const key = field('routeKey', 'Route key', { placeholder: '$default, $connect, $disconnect or sendmessage',
    match: ['route key', 'route with key'], help: 'The value of the route selection expression this route answers.' });
  key.input.setAttribute('list', 'route-keys');
  const s = apiFields(a);
  return [
    h('h2', {}, a.name),
    h('dl', { class: 'facts' },
      h('dt', {}, 'API ID'), h('dd', {}, h('code', {}, a.apiId)),
      h('dt', {}, 'Endpoint'), h('dd', {}, h('code', {}, a.apiEndpoint || '')),
      h('dt', {}, 'Route selection expression'), h('dd', {}, h('code', {}, a.routeSelectionExpression || ''))),
    h('p', {}, link(base + '/stages', 'Stages and deployments', { class: 'button' })),
    h('h3', {}, 'Routes'),
    table('Routes', [
      ['Route key', (r) => link(base + '/routes/' + enc(r.routeId), r.routeKey)],
      ['Integration', (r) => typeLabel(integrationOf(r))],
      ['Two-way', (r) => r.routeResponseSelectionExpression ? 'yes' : 'no'],
      ['', (r) => confirmDelete('route ' + r.routeKey, async () => { await api.deleteRoute(apiId, r.routeId); go(base); })],
    ], routes, 'No routes yet.'),
    h('datalist', { id: 'route-keys' }, ['$connect', '$disconnect', '$default'].map((k) => h('option', { value: k }))),
    form('Create a route', [key], 'Create route', async () => {
      const created = await api.createRoute(apiId, { routeKey: key.input.value.trim() });
      go(base + '/routes/' + enc(created.routeId));
    }, { id: 'create-route' }),
    form('API settings', Object.values(s), 'Save settings', async () => {
      await api.updateApi(apiId, { name: val(s.name), routeSelectionExpression: val(s.rse),
        description: val(s.description), apiKeySelectionExpression: s.akse.input.value });
      go(base);
    }, { id: 'api-settings' }),
  ];
}
