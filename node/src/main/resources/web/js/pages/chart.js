// A line chart drawn on a <canvas> by hand (no chart library): throughput and commit latency
// samples taken every 2 s by the explorer. Kept in the module so that it survives redraws.

import { t } from '../i18n.js';

const MAX_SAMPLES = 90; // three minutes at one sample every 2 s
const samples = [];
let last = null;

/** Adds a sample from /api/v1/health and the p50/p99 commit latency from /metrics (ms). */
export function addSample(health, latency) {
  const now = performance.now();
  const txs = health.orderer.committedTxs;
  if (last && now > last.at) {
    samples.push({ tps: Math.max(0, (txs - last.txs) * 1000 / (now - last.at)), ...latency });
    if (samples.length > MAX_SAMPLES) samples.shift();
  }
  last = { at: now, txs };
}

/** p50 and p99 commit latency in milliseconds from Prometheus text, or nulls. */
export function latencyFromMetrics(text) {
  const find = (q) => {
    const m = new RegExp(`^govledger_commit_latency_seconds\\{[^}]*quantile="${q}"[^}]*\\} (\\S+)`, 'm').exec(text);
    return m ? Number(m[1]) * 1000 : null;
  };
  return { p50: find('0.5'), p99: find('0.99') };
}

export function sampleCount() {
  return samples.length;
}

/** Draws throughput (left axis) and latency p50/p99 (right axis) on canvas. */
export function drawChart(canvas) {
  const ratio = window.devicePixelRatio || 1;
  const w = canvas.clientWidth;
  const hgt = canvas.clientHeight;
  canvas.width = w * ratio;
  canvas.height = hgt * ratio;
  const g = canvas.getContext('2d');
  g.scale(ratio, ratio);
  g.clearRect(0, 0, w, hgt);
  g.font = '12px system-ui, sans-serif';
  const pad = 28;
  const series = [
    { key: 'tps', color: '#0b57d0', label: t('explorer.chart.tps') },
    { key: 'p50', color: '#0a7a2f', label: t('explorer.chart.p50') },
    { key: 'p99', color: '#b00020', label: t('explorer.chart.p99') },
  ];
  const maxOf = (keys) => Math.max(1, ...samples.flatMap((s) => keys.map((k) => s[k] || 0)));
  const scales = { tps: maxOf(['tps']), p50: maxOf(['p50', 'p99']), p99: maxOf(['p50', 'p99']) };
  g.fillStyle = '#555';
  g.fillText(`${scales.tps.toFixed(0)} tx/s`, 4, 12);
  g.fillText(`${scales.p99.toFixed(1)} ms`, w - 70, 12);
  series.forEach((s, i) => {
    g.fillStyle = s.color;
    g.fillText(s.label, 4 + i * 110, hgt - 6);
    g.strokeStyle = s.color;
    g.beginPath();
    samples.forEach((p, x) => {
      const px = pad + (x / Math.max(1, MAX_SAMPLES - 1)) * (w - 2 * pad);
      const py = hgt - pad - ((p[s.key] || 0) / scales[s.key]) * (hgt - 2 * pad);
      if (x === 0) g.moveTo(px, py);
      else g.lineTo(px, py);
    });
    g.stroke();
  });
}
