// The node's own apigatewayv2 REST API (same origin): JSON in, JSON out, AWS-shaped errors.

/** A refused control-plane call: the server's message and x-amzn-ErrorType. */
export class ApiError extends Error {
  constructor(status, type, message) {
    super(message);
    this.status = status;
    this.type = type;
  }
}

async function call(method, path, body) {
  const init = { method, headers: { Accept: 'application/json' } };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, 'NetworkError', 'The node did not answer: ' + e.message);
  }
  if (response.status === 204) return null;
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) {
    throw new ApiError(response.status, response.headers.get('x-amzn-ErrorType') || 'Error',
      json && json.message ? json.message : response.statusText);
  }
  return json;
}

const enc = encodeURIComponent;

/** Every item of a paginated list (items + nextToken). */
async function all(path) {
  const items = [];
  let token = null;
  do {
    const page = await call('GET', path + (token ? '?nextToken=' + enc(token) : ''));
    items.push(...(page.items || []));
    token = page.nextToken;
  } while (token);
  return items;
}

const a = (apiId) => '/v2/apis/' + enc(apiId);

export const api = {
  apis: () => all('/v2/apis'),
  createApi: (body) => call('POST', '/v2/apis', body),
  getApi: (apiId) => call('GET', a(apiId)),
  updateApi: (apiId, body) => call('PATCH', a(apiId), body),
  deleteApi: (apiId) => call('DELETE', a(apiId)),

  routes: (apiId) => all(a(apiId) + '/routes'),
  getRoute: (apiId, id) => call('GET', a(apiId) + '/routes/' + enc(id)),
  createRoute: (apiId, body) => call('POST', a(apiId) + '/routes', body),
  updateRoute: (apiId, id, body) => call('PATCH', a(apiId) + '/routes/' + enc(id), body),
  deleteRoute: (apiId, id) => call('DELETE', a(apiId) + '/routes/' + enc(id)),

  routeResponses: (apiId, routeId) => all(a(apiId) + '/routes/' + enc(routeId) + '/routeresponses'),
  createRouteResponse: (apiId, routeId, body) =>
    call('POST', a(apiId) + '/routes/' + enc(routeId) + '/routeresponses', body),
  deleteRouteResponse: (apiId, routeId, id) =>
    call('DELETE', a(apiId) + '/routes/' + enc(routeId) + '/routeresponses/' + enc(id)),

  integrations: (apiId) => all(a(apiId) + '/integrations'),
  getIntegration: (apiId, id) => call('GET', a(apiId) + '/integrations/' + enc(id)),
  createIntegration: (apiId, body) => call('POST', a(apiId) + '/integrations', body),
  updateIntegration: (apiId, id, body) => call('PATCH', a(apiId) + '/integrations/' + enc(id), body),
  deleteIntegration: (apiId, id) => call('DELETE', a(apiId) + '/integrations/' + enc(id)),

  integrationResponses: (apiId, id) => all(a(apiId) + '/integrations/' + enc(id) + '/integrationresponses'),
  createIntegrationResponse: (apiId, id, body) =>
    call('POST', a(apiId) + '/integrations/' + enc(id) + '/integrationresponses', body),
  deleteIntegrationResponse: (apiId, id, responseId) =>
    call('DELETE', a(apiId) + '/integrations/' + enc(id) + '/integrationresponses/' + enc(responseId)),

  stages: (apiId) => all(a(apiId) + '/stages'),
  getStage: (apiId, name) => call('GET', a(apiId) + '/stages/' + enc(name)),
  createStage: (apiId, body) => call('POST', a(apiId) + '/stages', body),
  updateStage: (apiId, name, body) => call('PATCH', a(apiId) + '/stages/' + enc(name), body),
  deleteStage: (apiId, name) => call('DELETE', a(apiId) + '/stages/' + enc(name)),

  deployments: (apiId) => all(a(apiId) + '/deployments'),
  createDeployment: (apiId, body) => call('POST', a(apiId) + '/deployments', body),

  vpcLinks: async () => (await call('GET', '/vpclinks?limit=500')).item || [],
};
