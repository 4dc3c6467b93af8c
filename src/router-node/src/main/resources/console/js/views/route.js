// One route: its settings, its Integration Request (summary and link), Integration Responses and Route Responses.
import { api } from '../api.js';
import { h, field, form, pairs, table, link, val } from '../dom.js';
import { go } from '../nav.js';
import { typeLabel } from './integration.js';
import { confirmDelete } from './apis.js';

const enc = encodeURIComponent;

export async function routeView(apiId, routeId) {
  const route = await api.getRoute(apiId, routeId);
  const integrationId = route.target && route.target.startsWith('integrations/') ? route.target.slice(13) : null;
  const [integration, integrationResponses, routeResponses] = await Promise.all([
    integrationId ? api.getIntegration(apiId, integrationId) : null,
    integrationId ? api.integrationResponses(apiId, integrationId) : [],
    api.routeResponses(apiId, routeId),
  ]);
  const here = '#/apis/' + enc(apiId) + '/routes/' + enc(routeId);

  const key = field('routeKey', 'Route key', { value: route.routeKey, match: ['route key', 'route with key'] });
  const twoWay = field('routeResponseSelectionExpression', 'Two-way route (route response selection expression $default)',
    { type: 'checkbox', value: !!route.routeResponseSelectionExpression, match: ['route response selection expression'] });
  const settings = form('Route settings', [key, twoWay], 'Save route', async () => {
    const patch = { routeKey: key.input.value.trim() };
    if (twoWay.input.checked) patch.routeResponseSelectionExpression = '$default';
    await api.updateRoute(apiId, routeId, patch);
    go(here);
  }, { id: 'route-settings' });

  const integrationCard = h('section', { class: 'card', 'aria-labelledby': 'ir-title' },
    h('h3', { id: 'ir-title' }, 'Integration Request'),
    integration
      ? h('dl', { class: 'facts' },
        h('dt', {}, 'Type'), h('dd', {}, typeLabel(integration)),
        integration.integrationUri ? [h('dt', {}, 'URI'), h('dd', {}, h('code', {}, integration.integrationUri))] : null,
        h('dt', {}, 'Timeout'), h('dd', {}, String(integration.timeoutInMillis) + ' ms'),
        integration.templateSelectionExpression ? [h('dt', {}, 'Template selection expression'),
          h('dd', {}, h('code', {}, integration.templateSelectionExpression))] : null,
        h('dt', {}, 'Request templates'), h('dd', {}, Object.keys(integration.requestTemplates || {}).join(', ') || 'none'))
      : h('p', {}, 'No integration yet.'),
    h('p', {}, link(here + '/integration', integration ? 'Edit Integration Request' : 'Set up Integration Request',
      { class: 'button', id: 'edit-integration' })));

  return [
    h('h2', {}, 'Route ', h('code', {}, route.routeKey)),
    settings,
    integrationCard,
    integration ? integrationResponseSection(apiId, integration, integrationResponses, here) : null,
    routeResponseSection(apiId, route, routeResponses, here),
  ];
}

function integrationResponseSection(apiId, integration, responses, here) {
  const id = integration.integrationId;
  const irse = field('integrationResponseSelectionExpression', 'Integration response selection expression', {
    value: integration.integrationResponseSelectionExpression, placeholder: '${integration.response.statuscode}',
    match: ['integration response selection expression'] });
  const key = field('integrationResponseKey', 'Integration response key', { value: '$default',
    match: ['integration response key', 'integrationResponseKey', 'IntegrationResponse with key'] });
  const tse = field('templateSelectionExpression', 'Template selection expression', {
    placeholder: '\\$default', match: ['template selection expression'] });
  const templates = pairs('responseTemplates', 'Response templates', null, { code: true, keyLabel: 'Template key',
    valueLabel: 'Template', addLabel: 'Add template', keyPlaceholder: '$default', match: ['template'] });
  return h('section', { class: 'card', 'aria-labelledby': 'iresp-title' },
    h('h3', { id: 'iresp-title' }, 'Integration Response'),
    table('Integration responses', [
      ['Key', (r) => h('code', {}, r.integrationResponseKey)],
      ['Template selection expression', (r) => r.templateSelectionExpression || ''],
      ['Templates', (r) => h('div', {}, Object.entries(r.responseTemplates || {}).map(([k, t]) =>
        h('div', { class: 'template' }, h('code', {}, k), h('pre', {}, t))))],
      ['', (r) => confirmDelete('integration response ' + r.integrationResponseKey, async () => {
        await api.deleteIntegrationResponse(apiId, id, r.integrationResponseId);
        go(here);
      })],
    ], responses, 'No integration responses.'),
    form('Selection', [irse], 'Save selection expression', async () => {
      await api.updateIntegration(apiId, id, { integrationResponseSelectionExpression: val(irse) });
      go(here);
    }, { id: 'integration-response-selection' }),
    form('Add an integration response', [key, tse, templates], 'Add integration response', async () => {
      await api.createIntegrationResponse(apiId, id, { integrationResponseKey: key.input.value.trim(),
        templateSelectionExpression: val(tse), responseTemplates: templates.value() });
      go(here);
    }, { id: 'add-integration-response' }));
}

function routeResponseSection(apiId, route, responses, here) {
  const key = field('routeResponseKey', 'Route response key', { value: '$default',
    match: ['route response key', 'RouteResponse with key'] });
  const mse = field('modelSelectionExpression', 'Model selection expression', { match: ['model selection'] });
  return h('section', { class: 'card', 'aria-labelledby': 'rresp-title' },
    h('h3', { id: 'rresp-title' }, 'Route Response'),
    route.routeResponseSelectionExpression ? null
      : h('p', { class: 'help' }, 'A route response is sent only on a two-way route: tick "Two-way route" above.'),
    table('Route responses', [
      ['Key', (r) => h('code', {}, r.routeResponseKey)],
      ['Model selection expression', (r) => r.modelSelectionExpression || ''],
      ['', (r) => confirmDelete('route response ' + r.routeResponseKey, async () => {
        await api.deleteRouteResponse(apiId, route.routeId, r.routeResponseId);
        go(here);
      })],
    ], responses, 'No route responses.'),
    form('Add a route response', [key, mse], 'Add route response', async () => {
      await api.createRouteResponse(apiId, route.routeId, { routeResponseKey: key.input.value.trim(),
        modelSelectionExpression: val(mse) });
      go(here);
    }, { id: 'add-route-response' }));
}
