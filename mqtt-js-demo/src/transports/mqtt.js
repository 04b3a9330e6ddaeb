// MQTT 5 over WebSocket with MQTT.js: subscribe to /message/{userId} at QoS 1. The payload is the
// count as text, `seq` and `ts` are user properties; the retained message is the current count.
// With a token, the broker wants user name = the token's sub and password = the token.

import { countEventFromMqtt, unreadCountTopic } from '../protocol.js';
import { currentToken, subjectOf } from '../token.js';
import { resolveMqttUrl } from '../urls.js';
import { createRelay } from './relay.js';

const SUBSCRIBE_QOS = 1;

export function createMqttTransport({ userId, mqttUrl, token, getToken, globals, loadPushConfig }) {
  let relay = null;
  let client = null;
  const topic = unreadCountTopic(userId);

  // each connection is a new transport instance (MQTT.js's own reconnects are off), so each asks for a fresh token;
  // the broker keeps delivering after the token's exp, it only refuses new subscriptions then
  async function connect() {
    const accessToken = await currentToken({ token, getToken });
    const credentials = accessToken ? { username: subjectOf(accessToken), password: accessToken } : {};
    const url = resolveMqttUrl(mqttUrl ?? (await urlFromConfig()), globals.location?.href);
    const connectFn = globals.mqttConnect ?? (await import('mqtt')).default.connect;
    if (relay.done) return;
    client = connectFn(url, {
      protocolVersion: 5,
      clean: true,
      // reconnects go through the client's back-off and fallback, not MQTT.js's own loop
      reconnectPeriod: 0,
      connectTimeout: 10_000,
      clientId: `reddot-web-${globals.random().toString(36).slice(2, 12)}`,
      ...credentials,
    });
    client.on('connect', subscribe);
    client.on('message', (messageTopic, payload, packet) => {
      if (messageTopic === topic) relay.deliver(() => countEventFromMqtt(userId, payload, packet.properties));
    });
    client.on('error', (error) => relay.fail(error));
    client.on('close', () => relay.fail(new Error(`MQTT connection to ${url} closed`)));
  }

  function subscribe() {
    client.subscribe(topic, { qos: SUBSCRIBE_QOS }, (error, granted) => {
      const refused = granted?.find((grant) => grant.qos >= 0x80);
      if (error) relay.fail(error);
      else if (refused) relay.fail(new Error(`subscription to ${topic} refused (reason 0x${refused.qos.toString(16)})`));
      // a user nobody has published for yet has no retained message: the granted subscription is the sign of life
      else relay.open();
    });
  }

  async function urlFromConfig() {
    const { mqttUrl: configured } = await loadPushConfig();
    if (!configured) throw new Error('GET /push/config names no mqttUrl');
    return configured;
  }

  return {
    name: 'mqtt',
    open(lastSeq, onCount, onError, onOpen) {
      relay = createRelay(onCount, onError, onOpen);
      connect().catch((error) => relay.fail(error));
    },
    close() {
      relay?.close();
      client?.end(true);
    },
  };
}
