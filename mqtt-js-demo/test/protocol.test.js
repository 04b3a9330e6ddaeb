import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countEventFromMqtt, isValidUserId, parseCountEvent, unreadCountTopic } from '../src/protocol.js';
import { endpointUrl, resolveMqttUrl, toWebSocketUrl } from '../src/urls.js';

describe('count events', () => {
  it('parses the count event JSON of the HTTP transports', () => {
    const event = parseCountEvent('{"userId":"alice","count":3,"seq":7,"ts":1732280000000}', 'alice');
    assert.deepEqual(event, { userId: 'alice', count: 3, seq: 7, ts: 1732280000000 });
    assert.ok(Object.isFrozen(event));
  });

  it('refuses an event for another user or with a broken field', () => {
    assert.throws(() => parseCountEvent('{"userId":"bob","count":3,"seq":7,"ts":1}', 'alice'), /expected "alice"/);
    assert.throws(() => parseCountEvent('{"userId":"alice","count":-1,"seq":7,"ts":1}', 'alice'), /count/);
    assert.throws(() => parseCountEvent('{"userId":"alice","count":1,"seq":"7","ts":1}', 'alice'), /seq/);
    assert.throws(() => parseCountEvent('{"userId":"alice","count":1,"seq":7}', 'alice'), /ts/);
    assert.throws(() => parseCountEvent('null', 'alice'), /not an object/);
    assert.throws(() => parseCountEvent('<html>', 'alice'), SyntaxError);
  });

  it('builds the event from an MQTT payload and its seq and ts user properties', () => {
    const payload = new TextEncoder().encode('12');
    const event = countEventFromMqtt('alice', payload, { userProperties: { seq: '42', ts: '1732280000000' } });
    assert.deepEqual(event, { userId: 'alice', count: 12, seq: 42, ts: 1732280000000 });
    const repeated = countEventFromMqtt('alice', '1', { userProperties: { seq: ['3', '4'], ts: '5' } });
    assert.equal(repeated.seq, 4);
  });

  it('refuses an MQTT message without seq or with a payload that is not a count', () => {
    assert.throws(() => countEventFromMqtt('alice', '3', { userProperties: { ts: '1' } }), /seq/);
    assert.throws(() => countEventFromMqtt('alice', 'three', { userProperties: { seq: '1', ts: '1' } }), /count/);
    assert.throws(() => countEventFromMqtt('alice', '3', undefined), /seq/);
  });
});

describe('names and URLs', () => {
  it('validates user ids like the server', () => {
    for (const id of ['alice', 'a', 'bob.smith@example.com', 'x_y-z', 'a'.repeat(64)]) assert.ok(isValidUserId(id), id);
    for (const id of ['', 'a b', 'a/b', 'ä', 'a'.repeat(65), null, 7]) assert.ok(!isValidUserId(id), String(id));
  });

  it('names the MQTT topic of a user', () => {
    assert.equal(unreadCountTopic('alice'), '/message/alice');
  });

  it('keeps the base URL path prefix and drops empty query values', () => {
    assert.equal(endpointUrl('https://example.com/reddot/', '/push/sse/alice'), 'https://example.com/reddot/push/sse/alice');
    assert.equal(endpointUrl('', '/push/poll/alice', { since: 0, token: undefined }), '/push/poll/alice?since=0');
  });

  it('turns HTTP URLs and paths into WebSocket URLs of the same host', () => {
    assert.equal(toWebSocketUrl('http://127.0.0.1:8080/push/ws/alice'), 'ws://127.0.0.1:8080/push/ws/alice');
    assert.equal(toWebSocketUrl('/push/ws/alice', 'https://example.com/'), 'wss://example.com/push/ws/alice');
    assert.equal(resolveMqttUrl('ws://127.0.0.1:8083/mqtt', 'http://x/'), 'ws://127.0.0.1:8083/mqtt');
    assert.equal(resolveMqttUrl('/mqtt', 'https://example.com/app'), 'wss://example.com/mqtt');
  });
});
