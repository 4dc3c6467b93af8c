// Stages and deployments: deploy to a new or existing stage, deployment history; one stage's settings
// (stage variables, autoDeploy, deployment) and its live test client.
import { api } from '../api.js';
import { h, field, form, pairs, table, link, val, FieldError } from '../dom.js';
import { go } from '../nav.js';
import { confirmDelete } from './apis.js';
import { testClient } from './testclient.js';

const enc = encodeURIComponent;
const NEW = '';
const when = (iso) => iso ? new Date(iso).toLocaleString() : '';

export async function stagesView(apiId) {
  const [a, stages, deployments] = await Promise.all([api.getApi(apiId), api.stages(apiId), api.deployments(apiId)]);
  const base = '#/apis/' + enc(apiId) + '/stages';
  const target = field('deploymentStage', 'Deployment stage', {
    options: [[NEW, '[New stage]'], ...stages.map((s) => [s.stageName, s.stageName])] });
  const name = field('stageName', 'Stage name', { match: ['stage name', 'stageName', 'Stage '] });
  const description = field('description', 'Deployment description', { match: ['description'] });
  const syncNew = () => { name.hidden = target.input.value !== NEW; };
  target.input.addEventListener('change', syncNew);
  syncNew();

  const deploy = form('Deploy API', [target, name, description], 'Deploy', async () => {
    const desc = val(description);
    if (target.input.value === NEW) {
      const stageName = name.input.value.trim();
      if (!stageName) throw new FieldError('stageName', 'Enter a stage name.');
      // The stage first: a name the server refuses leaves no orphan deployment behind.
      await api.createStage(apiId, { stageName });
      await api.createDeployment(apiId, { stageName, description: desc });
      go(base + '/' + enc(stageName));
    } else {
      await api.createDeployment(apiId, { stageName: target.input.value, description: desc });
      go(base + '/' + enc(target.input.value));
    }
  }, { id: 'deploy' });

  const stageOf = Object.fromEntries(stages.filter((s) => s.deploymentId).map((s) => [s.deploymentId, s.stageName]));
  return [
    h('h2', {}, 'Stages of ', a.name),
    table('Stages', [
      ['Stage', (s) => link(base + '/' + enc(s.stageName), s.stageName)],
      ['Deployment', (s) => h('code', {}, s.deploymentId || '')],
      ['Auto deploy', (s) => s.autoDeploy ? 'on' : 'off'],
      ['Invoke URL', (s) => h('code', {}, (a.apiEndpoint || '') + '/' + s.stageName)],
      ['Last updated', (s) => when(s.lastUpdatedDate)],
    ], stages, 'No stages yet: deploy the API to create one.'),
    deploy,
    h('h3', {}, 'Deployment history'),
    table('Deployments', [
      ['Deployment', (d) => h('code', {}, d.deploymentId)],
      ['Created', (d) => when(d.createdDate)],
      ['Description', (d) => d.description || ''],
      ['Status', (d) => d.deploymentStatus + (d.autoDeployed ? ' (auto)' : '')],
      ['Active on', (d) => stageOf[d.deploymentId] || ''],
    ], [...deployments].sort((x, y) => String(y.createdDate).localeCompare(String(x.createdDate))),
    'No deployments yet.'),
  ];
}

export async function stageView(apiId, stageName) {
  const [a, stage, deployments] = await Promise.all([
    api.getApi(apiId), api.getStage(apiId, stageName), api.deployments(apiId)]);
  const here = '#/apis/' + enc(apiId) + '/stages/' + enc(stageName);
  const description = field('description', 'Description', { value: stage.description });
  const autoDeploy = field('autoDeploy', 'Auto deploy (deploy every change to this stage)',
    { type: 'checkbox', value: stage.autoDeploy });
  const deployment = field('deploymentId', 'Deployment', {
    options: [...(stage.deploymentId ? [] : [['', '(none)']]),
      ...deployments.map((d) => [d.deploymentId, d.deploymentId + (d.description ? ' — ' + d.description : '')])],
    value: stage.deploymentId || '', match: ['deployment identifier', 'deploymentId'] });
  const variables = pairs('stageVariables', 'Stage variables', stage.stageVariables, {
    keyLabel: 'Variable name', valueLabel: 'Variable value', addLabel: 'Add stage variable',
    match: ['stage variable'] });
  const settings = form('Stage settings', [description, autoDeploy, deployment, variables], 'Save stage', async () => {
    await api.updateStage(apiId, stageName, {
      description: description.input.value, autoDeploy: autoDeploy.input.checked,
      deploymentId: deployment.input.value || undefined, stageVariables: variables.value() || {},
    });
    go(here);
  }, { id: 'stage-settings' });
  const url = (a.apiEndpoint || '') + '/' + stageName;
  return [
    h('h2', {}, 'Stage ', h('code', {}, stageName)),
    h('dl', { class: 'facts' },
      h('dt', {}, 'Invoke URL'), h('dd', {}, h('code', { id: 'invoke-url' }, url)),
      h('dt', {}, 'Deployment'), h('dd', {}, h('code', {}, stage.deploymentId || 'none')),
      stage.lastDeploymentStatusMessage ? [h('dt', {}, 'Last deployment'),
        h('dd', {}, stage.lastDeploymentStatusMessage)] : null),
    testClient(url),
    settings,
    h('p', {}, confirmDelete('stage ' + stageName, async () => {
      await api.deleteStage(apiId, stageName);
      go('#/apis/' + enc(apiId) + '/stages');
    })),
  ];
}
