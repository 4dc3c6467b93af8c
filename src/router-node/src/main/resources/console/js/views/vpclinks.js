// VPC links (API Gateway's REST-style links that WebSocket integrations use): the list.
import { api } from '../api.js';
import { h, table } from '../dom.js';

export async function vpcLinksView() {
  const links = await api.vpcLinks();
  return [
    h('h2', {}, 'VPC links'),
    table('VPC links', [
      ['Name', (l) => l.name],
      ['ID', (l) => h('code', {}, l.id)],
      ['Status', (l) => l.status + (l.statusMessage ? ' — ' + l.statusMessage : '')],
      ['Targets', (l) => (l.targetArns || []).join(', ')],
      ['Description', (l) => l.description || ''],
    ], links, 'No VPC links. Create one with aws apigateway create-vpc-link --endpoint-url …'),
    h('p', { class: 'help' }, 'An integration uses a link through its VPC Link type (Integration Request).'),
  ];
}
