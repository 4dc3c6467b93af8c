// The console: one view per hash route, each rendered from the node's apigatewayv2 API.
import { h, fill, link } from './dom.js';
import { segments, leave } from './nav.js';
import { apisView, apiView } from './views/apis.js';
import { routeView } from './views/route.js';
import { integrationView } from './views/integration.js';
import { stagesView, stageView } from './views/stages.js';
import { vpcLinksView } from './views/vpclinks.js';

const view = document.getElementById('view');
const crumbs = document.getElementById('crumbs');
let rendering = 0;

/** [view, breadcrumb trail] for the current hash. */
function resolve(s) {
  const enc = encodeURIComponent;
  const trail = [['#/apis', 'APIs']];
  if (s[0] === 'vpclinks') return [() => vpcLinksView(), [['#/vpclinks', 'VPC links']]];
  if (s[0] !== 'apis' || !s[1]) return [() => apisView(), trail];
  const apiId = s[1];
  const apiHash = '#/apis/' + enc(apiId);
  trail.push([apiHash, apiId]);
  if (s[2] === 'routes' && s[3]) {
    const routeHash = apiHash + '/routes/' + enc(s[3]);
    trail.push([routeHash, 'Route ' + s[3]]);
    if (s[4] === 'integration') {
      trail.push([routeHash + '/integration', 'Integration Request']);
      return [() => integrationView(apiId, s[3]), trail];
    }
    return [() => routeView(apiId, s[3]), trail];
  }
  if (s[2] === 'stages') {
    trail.push([apiHash + '/stages', 'Stages']);
    if (s[3]) {
      trail.push([apiHash + '/stages/' + enc(s[3]), s[3]]);
      return [() => stageView(apiId, s[3]), trail];
    }
    return [() => stagesView(apiId), trail];
  }
  return [() => apiView(apiId), trail];
}

async function render() {
  const mine = ++rendering;
  leave();
  view.removeAttribute('data-rendered');
  const [make, trail] = resolve(segments());
  fill(crumbs, h('ol', {}, trail.map(([href, text], i) =>
    h('li', {}, i === trail.length - 1 ? h('span', { 'aria-current': 'page' }, text) : link(href, text)))));
  try {
    const content = await make();
    if (mine !== rendering) return; // a later navigation won
    fill(view, content);
  } catch (e) {
    if (mine !== rendering) return;
    fill(view, h('h2', {}, 'Could not load this page'), h('p', { class: 'form-error', role: 'alert' }, e.message),
      h('p', {}, link('#/apis', 'Back to the APIs')));
  }
  document.dispatchEvent(new CustomEvent('console:rendered'));
  view.setAttribute('data-rendered', location.hash); // what tests wait for
}

window.addEventListener('hashchange', render);
render();
