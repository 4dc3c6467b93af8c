// Integration Request of one route: the integration type chooser and the fields of each type, as the AWS console
// has them for WebSocket APIs, saved as the apigatewayv2 fields the AWS CLI would send.
import { api } from '../api.js';
import { h, field, form, pairs, val, FieldError, link } from '../dom.js';
import { go } from '../nav.js';

export const TYPES = [
  ['LAMBDA', 'Lambda Function'],
  ['HTTP', 'HTTP'],
  ['MOCK', 'Mock'],
  ['AWS', 'AWS Service'],
  ['VPC_LINK', 'VPC Link'],
];

const LAMBDA_URI = /^arn:aws:apigateway:([^:]*):lambda:path\/2015-03-31\/functions\/(.+)\/invocations$/;
const SERVICE_URI = /^arn:aws:apigateway:([^:]*):([^:]+):(action|path)\/(.*)$/;
const CALLER_CREDENTIALS = 'arn:aws:iam::*:user/*';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'ANY'].map((m) => [m, m]);
export const DEFAULT_TIMEOUT = 29000;

/** The console's type of a stored integration. */
export function consoleType(integration) {
  if (!integration) return 'MOCK';
  const t = integration.integrationType;
  if (t === 'MOCK') return 'MOCK';
  if (t === 'AWS_PROXY' || (t === 'AWS' && LAMBDA_URI.test(integration.integrationUri || ''))) return 'LAMBDA';
  if (t === 'AWS') return 'AWS';
  return integration.connectionType === 'VPC_LINK' ? 'VPC_LINK' : 'HTTP';
}

export const typeLabel = (integration) =>
  integration ? TYPES.find(([k]) => k === consoleType(integration))[1] + ' (' + integration.integrationType + ')' : 'None';

export async function integrationView(apiId, routeId) {
  const [route, links] = await Promise.all([api.getRoute(apiId, routeId), api.vpcLinks().catch(() => [])]);
  const integrationId = route.target && route.target.startsWith('integrations/') ? route.target.slice(13) : null;
  const existing = integrationId ? await api.getIntegration(apiId, integrationId) : null;
  const type = consoleType(existing);
  const it = existing || {};

  const lambda = it.integrationUri && LAMBDA_URI.exec(it.integrationUri);
  const service = type === 'AWS' && it.integrationUri && SERVICE_URI.exec(it.integrationUri);
  const callerCredentials = it.credentialsArn === CALLER_CREDENTIALS;

  const typeRadios = h('fieldset', { class: 'field types' }, h('legend', {}, 'Integration type'),
    TYPES.map(([key, label]) => {
      const id = 'type-' + key;
      return h('span', { class: 'radio' },
        h('input', { type: 'radio', name: 'integrationKind', id, value: key, checked: key === type,
          onchange: () => showType(key) }),
        h('label', { for: id }, label));
    }));

  const f = {
    lambdaRegion: field('lambdaRegion', 'Lambda region', { value: lambda ? lambda[1] : 'us-east-1',
      match: ['region'] }),
    lambdaFunction: field('lambdaFunction', 'Lambda function', { value: lambda ? lambda[2] : '',
      placeholder: 'arn:aws:lambda:us-east-1:123456789012:function:my-function:live',
      help: 'The function ARN; add :alias or :version to invoke one.', match: ['integration uri', 'integrationUri'] }),
    lambdaProxy: field('lambdaProxy', 'Use Lambda Proxy integration',
      { type: 'checkbox', value: type !== 'LAMBDA' || it.integrationType === 'AWS_PROXY' }),
    lambdaCaller: field('lambdaCaller', 'Invoke with caller credentials', { type: 'checkbox', value: callerCredentials }),
    lambdaRole: field('lambdaRole', 'Execution role', { value: !callerCredentials && type === 'LAMBDA'
      ? it.credentialsArn : '', placeholder: 'arn:aws:iam::123456789012:role/apigateway-invoke',
      match: ['credentialsArn', 'credentials'] }),

    httpMethod: field('httpMethod', 'HTTP method', { options: METHODS,
      value: type === 'HTTP' ? it.integrationMethod : 'POST', match: ['integration method', 'integrationMethod'] }),
    httpUri: field('httpUri', 'Endpoint URL', { value: type === 'HTTP' ? it.integrationUri : '',
      placeholder: 'https://backend.example.com/messages', match: ['integration uri', 'integrationUri'] }),
    httpProxy: field('httpProxy', 'Use HTTP Proxy integration',
      { type: 'checkbox', value: type === 'HTTP' && it.integrationType === 'HTTP_PROXY' }),

    awsRegion: field('awsRegion', 'AWS region', { value: service ? service[1] : 'us-east-1', match: ['region'] }),
    awsService: field('awsService', 'AWS service', { value: service ? service[2] : '', placeholder: 'sqs',
      match: ['integration uri', 'integrationUri'] }),
    awsActionType: field('awsActionType', 'Action type', {
      options: [['action', 'Use action name'], ['path', 'Use path override']], value: service ? service[3] : 'action' }),
    awsAction: field('awsAction', 'Action name or path override', { value: service ? service[4] : '',
      placeholder: 'SendMessage' }),
    awsMethod: field('awsMethod', 'HTTP method', { options: METHODS,
      value: type === 'AWS' ? it.integrationMethod : 'POST', match: ['integration method', 'integrationMethod'] }),
    awsRole: field('awsRole', 'Execution role', { value: type === 'AWS' ? it.credentialsArn : '',
      placeholder: 'arn:aws:iam::123456789012:role/apigateway-sqs', match: ['credentialsArn', 'credentials'] }),

    vpcLink: field('vpcLink', 'VPC link', {
      options: [['${stageVariables.vpcLinkId}', 'Use stage variable ${stageVariables.vpcLinkId}'],
        ...links.map((l) => [l.id, l.name + ' (' + l.id + ')'])],
      value: type === 'VPC_LINK' ? it.connectionId : '${stageVariables.vpcLinkId}',
      match: ['connectionId', 'VPC link'] }),
    vpcMethod: field('vpcMethod', 'HTTP method', { options: METHODS,
      value: type === 'VPC_LINK' ? it.integrationMethod : 'POST', match: ['integration method', 'integrationMethod'] }),
    vpcUri: field('vpcUri', 'Endpoint URL', { value: type === 'VPC_LINK' ? it.integrationUri : '',
      placeholder: 'http://orders.internal:8080/messages', match: ['integration uri', 'integrationUri'] }),
    vpcProxy: field('vpcProxy', 'Use proxy integration',
      { type: 'checkbox', value: type !== 'VPC_LINK' || it.integrationType === 'HTTP_PROXY' }),

    timeout: field('timeoutInMillis', 'Timeout (milliseconds)', { type: 'number', min: 50, max: 29000,
      value: it.timeoutInMillis ?? DEFAULT_TIMEOUT, help: 'Between 50 and 29000; the default is 29000.',
      match: ['timeout'] }),
    tse: field('templateSelectionExpression', 'Template selection expression', {
      value: it.templateSelectionExpression, placeholder: '\\$default or ${request.body.action}',
      match: ['template selection expression'] }),
    passthrough: field('passthroughBehavior', 'Passthrough behavior (when no template matches)', {
      options: [['', 'Default (WHEN_NO_MATCH)'], ['WHEN_NO_MATCH', 'WHEN_NO_MATCH'],
        ['WHEN_NO_TEMPLATES', 'WHEN_NO_TEMPLATES'], ['NEVER', 'NEVER']],
      value: existing && it.passthroughBehavior !== 'WHEN_NO_MATCH' ? it.passthroughBehavior : '' }),
  };
  const templates = pairs('requestTemplates', 'Request templates', it.requestTemplates, {
    code: true, keyLabel: 'Template key', valueLabel: 'Template', addLabel: 'Add template',
    keyPlaceholder: '$default', match: ['template', 'requestTemplates'] });
  const params = pairs('requestParameters', 'Request parameters', it.requestParameters, {
    keyLabel: 'Parameter', valueLabel: 'Mapped from', addLabel: 'Add parameter',
    keyPlaceholder: 'integration.request.header.x-user', valuePlaceholder: 'route.request.header.x-user',
    match: ['mapping expression', 'requestParameters'] });

  // The caller's credentials and an execution role exclude each other.
  f.lambdaCaller.input.addEventListener('change', () => { f.lambdaRole.input.disabled = f.lambdaCaller.input.checked; });
  f.lambdaRole.input.disabled = f.lambdaCaller.input.checked;
  // The bound is shown as the user types; the server's message replaces it on save.
  f.timeout.input.addEventListener('input', () => {
    const n = Number(f.timeout.input.value);
    const bad = f.timeout.input.value !== '' && !(Number.isInteger(n) && n >= 50 && n <= 29000);
    f.timeout.input.toggleAttribute('aria-invalid', bad);
    const error = document.getElementById(f.timeout.input.id + '-error');
    error.textContent = bad ? 'The timeout must be between 50 and 29000 milliseconds.' : '';
    error.hidden = !bad;
  });

  const groups = {
    LAMBDA: h('div', { class: 'group', 'data-type': 'LAMBDA' }, f.lambdaRegion, f.lambdaFunction, f.lambdaProxy,
      f.lambdaCaller, f.lambdaRole),
    HTTP: h('div', { class: 'group', 'data-type': 'HTTP' }, f.httpMethod, f.httpUri, f.httpProxy),
    MOCK: h('div', { class: 'group', 'data-type': 'MOCK' },
      h('p', { class: 'help' }, 'A mock answers from its integration responses without calling a backend.')),
    AWS: h('div', { class: 'group', 'data-type': 'AWS' }, f.awsRegion, f.awsService, f.awsActionType, f.awsAction,
      f.awsMethod, f.awsRole),
    VPC_LINK: h('div', { class: 'group', 'data-type': 'VPC_LINK' }, f.vpcLink, f.vpcMethod, f.vpcUri, f.vpcProxy),
  };
  function showType(key) {
    for (const [k, group] of Object.entries(groups)) {
      group.hidden = k !== key;
      for (const input of group.querySelectorAll('input, select, textarea')) input.toggleAttribute('data-off', k !== key);
    }
  }
  showType(type);

  const chosen = () => typeRadios.querySelector('input:checked').value;

  function body() {
    const kind = chosen();
    const b = {};
    if (kind === 'LAMBDA') {
      const fn = val(f.lambdaFunction);
      if (!fn) throw new FieldError('lambdaFunction', 'Enter the Lambda function ARN.');
      if (!fn.startsWith('arn:')) {
        throw new FieldError('lambdaFunction',
          'Enter the function ARN, e.g. arn:aws:lambda:us-east-1:123456789012:function:' + fn);
      }
      const region = val(f.lambdaRegion) || fn.split(':')[3];
      b.integrationType = f.lambdaProxy.input.checked ? 'AWS_PROXY' : 'AWS';
      b.integrationMethod = 'POST';
      b.integrationUri = `arn:aws:apigateway:${region}:lambda:path/2015-03-31/functions/${fn}/invocations`;
      if (f.lambdaCaller.input.checked) b.credentialsArn = CALLER_CREDENTIALS;
      else if (val(f.lambdaRole)) b.credentialsArn = val(f.lambdaRole);
    } else if (kind === 'HTTP') {
      b.integrationType = f.httpProxy.input.checked ? 'HTTP_PROXY' : 'HTTP';
      b.integrationMethod = f.httpMethod.input.value;
      b.integrationUri = val(f.httpUri);
    } else if (kind === 'MOCK') {
      b.integrationType = 'MOCK';
    } else if (kind === 'AWS') {
      const svc = val(f.awsService);
      const action = val(f.awsAction);
      if (!svc) throw new FieldError('awsService', 'Enter the AWS service, e.g. sqs.');
      if (!action) throw new FieldError('awsAction', 'Enter an action name or a path override.');
      b.integrationType = 'AWS';
      b.integrationMethod = f.awsMethod.input.value;
      b.integrationUri = `arn:aws:apigateway:${val(f.awsRegion) || ''}:${svc}:${f.awsActionType.input.value}/${action}`;
      if (val(f.awsRole)) b.credentialsArn = val(f.awsRole);
    } else {
      b.integrationType = f.vpcProxy.input.checked ? 'HTTP_PROXY' : 'HTTP';
      b.integrationMethod = f.vpcMethod.input.value;
      b.integrationUri = val(f.vpcUri);
      b.connectionType = 'VPC_LINK';
      b.connectionId = f.vpcLink.input.value;
    }
    const timeoutText = f.timeout.input.value.trim();
    const timeout = timeoutText === '' ? DEFAULT_TIMEOUT : Number(timeoutText);
    if (!Number.isInteger(timeout)) throw new FieldError('timeoutInMillis', 'The timeout must be a whole number of milliseconds.');
    b.timeoutInMillis = timeout;
    if (val(f.tse)) b.templateSelectionExpression = val(f.tse);
    if (templates.value()) b.requestTemplates = templates.value();
    if (f.passthrough.input.value) b.passthroughBehavior = f.passthrough.input.value;
    if (params.value()) b.requestParameters = params.value();
    return b;
  }

  async function save() {
    const b = body();
    if (!existing) {
      const created = await api.createIntegration(apiId, b);
      await api.updateRoute(apiId, routeId, { target: 'integrations/' + created.integrationId });
    } else if (needsNewIntegration(existing, b)) {
      // PATCH cannot remove a field: a new integration of the new kind takes over, with the old responses.
      const created = await api.createIntegration(apiId, b);
      for (const r of await api.integrationResponses(apiId, existing.integrationId)) {
        const { integrationResponseId, ...copy } = r;
        await api.createIntegrationResponse(apiId, created.integrationId, copy);
      }
      await api.updateRoute(apiId, routeId, { target: 'integrations/' + created.integrationId });
      await api.deleteIntegration(apiId, existing.integrationId).catch(() => {}); // still used by another route
    } else {
      if (existing.requestTemplates && !b.requestTemplates) b.requestTemplates = {};
      if (existing.requestParameters && !b.requestParameters) b.requestParameters = {};
      await api.updateIntegration(apiId, existing.integrationId, b);
    }
    go(`#/apis/${apiId}/routes/${routeId}`);
  }

  return [
    h('h2', {}, 'Integration Request'),
    h('p', {}, 'Route ', h('code', {}, route.routeKey), existing ? [' → integration ', h('code', {}, existing.integrationId)] : ' has no integration yet.'),
    form(null, [typeRadios, ...Object.values(groups),
      h('h3', {}, 'Request settings'), f.timeout, f.tse, templates, f.passthrough, params],
    'Save', save, { id: 'integration-form' }),
    h('p', {}, link(`#/apis/${apiId}/routes/${routeId}`, 'Back to the route')),
  ];
}

// The kind changed, or a field the new body leaves out would survive a PATCH.
function needsNewIntegration(existing, b) {
  if (existing.integrationType !== b.integrationType) return true;
  if ((existing.connectionType === 'VPC_LINK') !== (b.connectionType === 'VPC_LINK')) return true;
  return ['integrationMethod', 'integrationUri', 'connectionId', 'credentialsArn', 'templateSelectionExpression']
    .some((k) => existing[k] && b[k] === undefined && !(k === 'integrationMethod' && b.integrationType === 'MOCK'));
}
