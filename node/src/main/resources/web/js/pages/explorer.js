// The ledger explorer: what this node is, how it is doing (with a chart), its latest blocks,
// one block, one transaction with its receipt checked in the page, and the latest checkpoint.
//   #/explorer                 overview        #/explorer/block/<height>   one block
//   #/explorer/tx/<id>         one transaction

import { api, nodeInfo } from '../api.js';
import { h, facts, field } from '../dom.js';
import { t } from '../i18n.js';
import { addSample, drawChart, latencyFromMetrics } from './chart.js';
import { receiptView } from './receipt-view.js';
import { b64urlDecode } from '../crypto/bytes.js';
import { openCheckpoint } from '../crypto/note.js';

const POLL_MS = 2000;
const PAGE = 10;

export async function render(main, params) {
  if (params[0] === 'block') return blockPage(main, params[1]);
  if (params[0] === 'tx') return txPage(main, params[1]);
  return overview(main);
}

function alertBox(message) {
  return h('p', { class: 'bad', role: 'alert' }, message);
}

function searchForm() {
  const input = h('input', { type: 'search', autocomplete: 'off', placeholder: t('explorer.search.hint') });
  const out = h('p', { role: 'status' });
  const form = h('form', { class: 'row', role: 'search', onsubmit: (e) => {
    e.preventDefault();
    const q = input.value.trim();
    if (/^[0-9]{1,18}$/.test(q)) location.hash = `#/explorer/block/${q}`;
    else if (/^[0-9a-fA-F]{64}$/.test(q)) location.hash = `#/explorer/tx/${q.toLowerCase()}`;
    else out.replaceChildren(alertBox(t('explorer.search.bad')));
  } }, field('search', t('explorer.search.label'), input), h('button', { type: 'submit' }, t('explorer.search.go')));
  return h('div', {}, form, out);
}

function healthFacts(health) {
  const o = health.orderer;
  const pairs = [
    [t('explorer.height'), health.height], [t('explorer.logSize'), health.logSize],
    [t('explorer.queue'), t('explorer.queueOf', { queued: o.queued, capacity: o.capacity })],
    [t('explorer.committed'), o.committedTxs], [t('explorer.refused'), o.refusedTxs],
    [t('explorer.orderer'), o.kind],
  ];
  const c = o.cluster;
  if (c) {
    pairs.push([t('explorer.node'), c.node], [t('explorer.role'), c.role], [t('explorer.term'), c.term],
      [t('explorer.leader'), c.leader ?? t('explorer.noLeader')],
      [t('explorer.followers'), c.followers.map((f) => `${f.node} (${t('explorer.lag')} ${f.lag})`).join(', ') || '–']);
  }
  return facts(pairs);
}

function blocksTable(blocks) {
  return h('div', { class: 'table-wrap' }, h('table', { id: 'blocks' },
    h('thead', {}, h('tr', {}, ['explorer.height', 'explorer.txs', 'explorer.time', 'explorer.hash']
      .map((k) => h('th', { scope: 'col' }, t(k))))),
    h('tbody', {}, blocks.map((b) => h('tr', {},
      h('td', {}, h('a', { href: `#/explorer/block/${b.header.height}` }, String(b.header.height))),
      h('td', {}, String(b.header.txCount)),
      h('td', {}, new Date(b.header.time).toISOString()),
      h('td', { class: 'mono' }, b.hash.slice(0, 16) + '…'))))));
}

async function overview(main) {
  const info = await nodeInfo();
  const healthBox = h('div', { id: 'health' });
  const canvas = h('canvas', { id: 'chart', role: 'img', 'aria-label': t('explorer.chart.label') });
  const blocksBox = h('div', {});
  const checkpointBox = h('div', { id: 'checkpoint' });
  let before = null; // null: the newest page, which follows the head
  const older = h('button', { type: 'button', class: 'secondary', id: 'older' }, t('explorer.older'));
  const newer = h('button', { type: 'button', class: 'secondary', id: 'newer' }, t('explorer.newer'));
  main.append(
    h('h1', {}, t('explorer.title')), searchForm(),
    h('h2', {}, t('explorer.info')), facts([[t('explorer.ledger'), info.ledger], [t('explorer.suite'), info.suite],
      [t('explorer.nodeKey'), info.nodeKeyId], [t('explorer.genesis'), info.genesisHash]]),
    h('h2', {}, t('explorer.health')), healthBox,
    h('h2', {}, t('explorer.chart.title')), canvas,
    h('h2', {}, t('explorer.blocks')), blocksBox, h('div', { class: 'row' }, newer, older),
    h('h2', {}, t('explorer.checkpoint')), checkpointBox,
    h('p', { class: 'muted' }, t('explorer.api')));

  async function showBlocks() {
    const page = await api(`blocks?limit=${PAGE}` + (before === null ? '' : `&before=${before}`));
    blocksBox.replaceChildren(blocksTable(page.blocks));
    const lowest = page.blocks.length ? page.blocks[page.blocks.length - 1].header.height : 0;
    older.disabled = lowest === 0;
    older.onclick = () => { before = lowest; showBlocks(); };
    newer.disabled = before === null;
    newer.onclick = () => { before = before + PAGE > page.head ? null : before + PAGE; showBlocks(); };
  }

  async function showCheckpoint() {
    const cp = await api('checkpoint');
    let verdict;
    try {
      const opened = await openCheckpoint(cp.checkpoint, { ...info, publicKey: b64urlDecode(info.nodePublicKey) });
      verdict = h('p', { class: 'ok' }, t('explorer.checkpointOk', { size: opened.size }));
    } catch (e) {
      verdict = alertBox(t('explorer.checkpointBad', { reason: e.message }));
    }
    checkpointBox.replaceChildren(verdict, h('pre', {}, cp.checkpoint));
  }

  async function poll() {
    try {
      const [health, metrics] = await Promise.all([api('health'), fetch('/metrics').then((r) => r.text())]);
      healthBox.replaceChildren(healthFacts(health));
      addSample(health, latencyFromMetrics(metrics));
      drawChart(canvas);
      if (before === null) await showBlocks();
      await showCheckpoint();
    } catch (e) {
      healthBox.replaceChildren(alertBox(t('explorer.unreachable', { reason: e.message })));
    }
  }
  await poll();
  const timer = setInterval(poll, POLL_MS);
  return () => clearInterval(timer);
}

/** Draws a detail page's heading and loads its data; null (with the node's reason shown) if refused. */
async function detail(main, title, path, ...more) {
  main.append(h('p', {}, h('a', { href: '#/explorer' }, t('explorer.back'))), h('h1', {}, title), ...more);
  try {
    return await api(path);
  } catch (e) {
    main.append(alertBox(e.message));
    return null;
  }
}

async function blockPage(main, height) {
  const b = await detail(main, t('explorer.block', { height }), `blocks/${encodeURIComponent(height)}`);
  if (!b) return;
  const hd = b.header;
  main.append(facts([[t('explorer.hash'), b.hash], [t('explorer.previous'), hd.previous], [t('explorer.time'), new Date(hd.time).toISOString()],
    [t('explorer.txs'), hd.txCount], [t('explorer.logSize'), hd.logSize], [t('explorer.txRoot'), hd.txRoot],
    [t('explorer.stateRoot'), hd.stateRoot], [t('explorer.proposer'), hd.proposer]]),
  h('h2', {}, t('explorer.txs')),
  h('ul', { id: 'block-txs' }, b.txs.map((id) => h('li', { class: 'mono' }, h('a', { href: `#/explorer/tx/${id}` }, id)))));
}

async function txPage(main, id) {
  const status = await detail(main, t('explorer.tx'), `transactions/${encodeURIComponent(id)}`, h('p', { class: 'mono' }, id));
  if (!status) return;
  main.append(h('p', { id: 'tx-status' }, t(`explorer.status.${status.status}`)));
  if (status.status === 'refused') {
    main.append(alertBox(`${status.code}: ${status.reason}`));
    return;
  }
  if (status.status !== 'committed') return;
  main.append(facts([[t('explorer.type'), status.tx.type], [t('explorer.signer'), status.tx.signer],
    [t('explorer.height'), status.height], [t('explorer.logIndex'), status.logIndex]]),
  h('pre', {}, JSON.stringify(status.tx, null, 2)));
  main.append(receiptView(await api(`transactions/${encodeURIComponent(id)}/receipt`)));
}
