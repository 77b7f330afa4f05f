// `truceline webhook add URL --events ...` registers a webhook and prints its signing secret (shown once);
// `webhook list` shows each with how its deliveries stand; `webhook disable ID` stops new deliveries to one.

import type { Command } from 'commander';
import { WEBHOOK_EVENTS } from '../../core/webhooks.js';
import { createWebhook, listWebhooks, updateWebhook } from '../../services/webhooks.js';
import { CLI_ACTOR, withServices } from '../context.js';

function eventList(value: string): string[] {
  return value
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
}

export function registerWebhook(cli: Command): void {
  const webhook = cli
    .command('webhook')
    .description(
      'Webhooks: other systems told of published incidents, rulings, agreement changes and bulletins',
    );
  webhook
    .command('add <url>')
    .description('Register a webhook and print its signing secret (shown only this once)')
    .requiredOption(
      '--events <list>',
      `comma-separated event types: ${WEBHOOK_EVENTS.join(', ')}, or "all"`,
      eventList,
    )
    .option('--description <text>', 'what the receiving system is')
    .action(async (url: string, opts: { events: string[]; description?: string }) => {
      const events = opts.events.includes('all') ? [...WEBHOOK_EVENTS] : opts.events;
      const { webhook: added, secret } = await withServices((services) =>
        createWebhook(services, CLI_ACTOR, { url, events, description: opts.description }),
      );
      console.log(`Added webhook ${added.id} for ${added.events.join(', ')} to ${added.url}.`);
      console.log(`Signing secret (shown only now): ${secret}`);
    });
  webhook
    .command('list')
    .description('Every webhook, with its pending, delivered and failed deliveries')
    .action(async () => {
      const views = await withServices((services) => listWebhooks(services, CLI_ACTOR));
      if (views.length === 0) console.log('No webhooks.');
      for (const { webhook: w, deliveries: d } of views) {
        console.log(
          `${w.id}  ${w.active ? 'active  ' : 'disabled'}  ${w.url}\n    events: ${w.events.join(', ')}; deliveries: ${d.pending} pending, ${d.delivered} delivered, ${d.failed} failed${w.description ? `\n    ${w.description}` : ''}`,
        );
      }
    });
  webhook
    .command('disable <id>')
    .description('Stop new deliveries to a webhook; queued ones wait until it is enabled again')
    .action(async (id: string) => {
      const w = await withServices((services) => updateWebhook(services, CLI_ACTOR, id, { active: false }));
      console.log(`Disabled webhook ${w.id} (${w.url}).`);
    });
  webhook
    .command('enable <id>')
    .description('Resume deliveries to a disabled webhook, queued ones first')
    .action(async (id: string) => {
      const w = await withServices((services) => updateWebhook(services, CLI_ACTOR, id, { active: true }));
      console.log(`Enabled webhook ${w.id} (${w.url}).`);
    });
}
