// The bills page: not built yet; it says so, and where the same thing is done today (the CLI).

import { h } from '../dom.js';
import { t } from '../i18n.js';

export function render(main) {
  main.append(h('h1', {}, t('bills.title')), h('p', {}, t('bills.notYet')));
}
