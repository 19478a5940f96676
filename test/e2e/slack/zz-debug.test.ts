import { test } from 'vitest';
import { ADMIN, eventBody, homeOpenedEvent, MEMBER, postSigned, slashCommand, startHarness } from './harness.js';
test('debug', async () => {
  const h = await startHarness('http');
  await slashCommand(h, 'topic kafka');
  await slashCommand(h, 'stream start title:"Live 1"', ADMIN);
  await slashCommand(h, 'daily schedule time:09:00 timezone:Europe/Berlin', ADMIN);
  await postSigned(h, eventBody(homeOpenedEvent(MEMBER), 'Ev1'), 'application/json');
  await h.adapter.idle();
  console.log(JSON.stringify({ calls: h.fake.calls.map(c => ({ m: c.method, p: c.params })), responses: h.fake.responses }, null, 1).slice(0, 30000));
  await h.close();
});
