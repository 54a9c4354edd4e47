// QR codes in the pages. Drawing and reading are done by the node with ZXing
// (GET /api/v1/qr.svg?text=, POST /api/v1/qr/decode): Chromium on Linux has no BarcodeDetector,
// and what a QR here carries is public (a public key, a verifier's request URI), so sending the
// picture to the node costs no privacy and spares the page a QR decoder of its own.

import { ApiError } from '../api.js';
import { h } from '../dom.js';
import { t } from '../i18n.js';

/** An <img> of text's QR code. */
export function qrImage(text, alt, id) {
  return h('img', { id, class: 'qr', alt, src: `/api/v1/qr.svg?text=${encodeURIComponent(text)}` });
}

/** The text of the QR code in a picture (a File or Blob); the node's reason if there is none. */
export async function readQr(picture) {
  const r = await fetch('/api/v1/qr/decode', {
    method: 'POST', body: picture, headers: { 'Content-Type': picture.type || 'application/octet-stream' },
  });
  const body = await r.json();
  if (!r.ok) throw new ApiError(r.status, body);
  return body.text;
}

/**
 * A scanner: a picture to upload and, where the browser has a camera (getUserMedia), a live view
 * with a button that reads the current frame. onText(text) gets what was read; errors go to out.
 */
export function qrScanner(id, onText, out) {
  const fail = (e) => {
    out.className = 'bad';
    out.textContent = t('qr.unreadable', { reason: e.message });
  };
  const picture = h('input', { type: 'file', accept: 'image/*', id: `${id}-picture` });
  picture.addEventListener('change', async () => {
    const file = picture.files[0];
    picture.value = '';
    if (!file) return;
    try {
      onText(await readQr(file));
    } catch (e) {
      fail(e);
    }
  });
  const box = h('div', {}, h('label', { for: picture.id }, t('qr.picture')), picture);
  if (navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    const video = h('video', { class: 'camera', playsinline: true, muted: true, hidden: true, 'aria-label': t('qr.cameraView') });
    const read = h('button', { type: 'button', hidden: true }, t('qr.readFrame'));
    const start = h('button', { type: 'button', class: 'secondary' }, t('qr.camera'));
    start.addEventListener('click', async () => {
      try {
        video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        await video.play();
        video.hidden = false;
        read.hidden = false;
      } catch (e) {
        fail(new Error(t('qr.noCamera', { reason: e.message })));
      }
    });
    read.addEventListener('click', async () => {
      const canvas = h('canvas', { width: video.videoWidth, height: video.videoHeight });
      canvas.getContext('2d').drawImage(video, 0, 0);
      try {
        const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
        const text = await readQr(blob);
        video.srcObject.getTracks().forEach((track) => track.stop());
        video.hidden = true;
        read.hidden = true;
        onText(text);
      } catch (e) {
        fail(e);
      }
    });
    box.append(h('div', { class: 'row' }, start, read), video);
  }
  return box;
}
