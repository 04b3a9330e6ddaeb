import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createMqttTransport } from '../../src/transports/mqtt.js';
import { createFakeFetch, createFakeMqtt } from '../fakes/browser.js';
import { settle } from '../fakes/clock.js';
import { BASE, context, open } from '../fakes/transport-context.js';
import { jwt } from '../fakes/tokens.js';

describe('mqtt transport', () => {
  const properties = (seq) => ({ seq: String(seq), ts: String(1_732_280_000_000 + seq) });

  it('subscribes to /message/{userId} at QoS 1 with MQTT 5 and turns messages into count events', async () => {
    const mqtt = createFakeMqtt();
    const transport = createMqttTransport(context({ mqttConnect: mqtt.connect }, { mqttUrl: 'ws://127.0.0.1:8083/mqtt' }).context);
    const seen = open(transport);
    await settle();
    const [client] = mqtt.clients;
    assert.equal(client.url, 'ws://127.0.0.1:8083/mqtt');
    assert.equal(client.options.protocolVersion, 5);
    assert.equal(client.options.reconnectPeriod, 0, 'the client does the reconnecting');
    client.fire('connect');
    assert.deepEqual(client.subscriptions.map(({ topic, options }) => [topic, options.qos]), [['/message/alice', 1]]);
    client.suback(1);
    assert.equal(seen.opens, 1, 'a granted subscription counts as open');
    client.publish('/message/alice', '3', properties(7));
    assert.deepEqual(seen.counts, ['3@7']);
  });

  it('asks /push/config for the URL when none is given', async () => {
    const mqtt = createFakeMqtt();
    const fake = createFakeFetch();
    open(createMqttTransport(context({ mqttConnect: mqtt.connect, fetch: fake.fetch }).context));
    await settle();
    assert.equal(fake.requests[0].url, `${BASE}/push/config`);
    fake.requests[0].respondJson({ mqttUrl: 'ws://127.0.0.1:8083/mqtt', pollIntervalMs: 2000 });
    await settle();
    assert.equal(mqtt.clients[0].url, 'ws://127.0.0.1:8083/mqtt');
  });

  it('fails when /push/config cannot be read', async () => {
    const mqtt = createFakeMqtt();
    const fake = createFakeFetch();
    const seen = open(createMqttTransport(context({ mqttConnect: mqtt.connect, fetch: fake.fetch }).context));
    await settle();
    fake.requests[0].respond(404, 'not here');
    await settle();
    assert.deepEqual(seen.errors, [`HTTP 404 from ${BASE}/push/config`]);
    assert.equal(mqtt.clients.length, 0);
  });

  it('fails on a refused subscription and on a lost connection, once', async () => {
    const mqtt = createFakeMqtt();
    const transport = createMqttTransport(context({ mqttConnect: mqtt.connect }, { mqttUrl: 'ws://h/mqtt' }).context);
    const seen = open(transport);
    await settle();
    mqtt.clients[0].fire('connect');
    mqtt.clients[0].suback(0x87);
    mqtt.clients[0].fire('close');
    assert.deepEqual(seen.errors, ['subscription to /message/alice refused (reason 0x87)']);
    assert.equal(seen.opens, 0);
  });

  it('sends the token as MQTT password, its sub as user name, and ends the client on close', async () => {
    const mqtt = createFakeMqtt();
    const token = jwt({ sub: 'alice', scope: 'user', exp: 2_000_000_000 });
    const transport = createMqttTransport(context({ mqttConnect: mqtt.connect }, { mqttUrl: 'ws://h/mqtt', token }).context);
    const seen = open(transport);
    await settle();
    assert.equal(mqtt.clients[0].options.username, 'alice');
    assert.equal(mqtt.clients[0].options.password, token);
    transport.close();
    assert.ok(mqtt.clients[0].ended);
    assert.deepEqual(seen.errors, []);
  });

  it('ignores messages of other topics', async () => {
    const mqtt = createFakeMqtt();
    const seen = open(createMqttTransport(context({ mqttConnect: mqtt.connect }, { mqttUrl: 'ws://h/mqtt' }).context));
    await settle();
    mqtt.clients[0].publish('/message/bob', '9', properties(9));
    assert.deepEqual(seen.counts, []);
    assert.deepEqual(seen.errors, []);
  });
});
