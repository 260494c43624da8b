// @ts-check
// #/activities — activities and their ARNs, for workers being debugged.
import { h, replace } from '../dom.js';
import { all } from '../api.js';
import { date } from '../format.js';
import { arnLine, ready } from '../ui.js';

/** @param {HTMLElement} main */
export async function activitiesPage(main) {
  const activities = await all('ListActivities', { maxResults: 100 }, 'activities');
  replace(main,
    h('div', { class: 'page-head' }, h('h1', null, 'Activities'), h('span', { class: 'muted' }, String(activities.length))),
    activities.length
      ? h('table', { class: 'list', dataset: { activities: '' } },
          h('thead', null, h('tr', null, h('th', null, 'Name'), h('th', null, 'ARN'), h('th', null, 'Created'))),
          h('tbody', null, activities.map((a) =>
            h('tr', { dataset: { activity: a.name } }, h('td', null, a.name), h('td', null, arnLine(a.activityArn)), h('td', null, date(a.creationDate))))))
      : h('p', { class: 'empty' }, 'No activities. Workers poll them with GetActivityTask.'));
  ready();
}
