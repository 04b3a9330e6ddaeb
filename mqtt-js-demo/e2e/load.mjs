// Load for the dashboard's browser test and screenshots: MQTT clients (MQTT.js on Node) on the broker's WebSocket
// listener (and on its TCP one when REDDOT_MQTT_URL names it), each subscribed to its user's count, and a steady
// stream of REST PUTs that changes those counts.

import mqtt from 'mqtt';
import { getJson, putCount, uniqueUser } from './support.mjs';

function connect(url, user) {
  return new Promise((resolve, reject) => {
    const client = mqtt.connect(url, { protocolVersion: 5, reconnectPeriod: 0, connectTimeout: 5000 });
    client.once('connect', () => client.subscribe(`/message/${user}`, { qos: 1 }, (error) => (error ? reject(error) : resolve(client))));
    client.once('error', reject);
  });
}

/**
 * Starts `clients` MQTT clients per listener and `putsPerSecond` PUTs spread over their users; answers
 * `{ users, stop() }`. The PUTs go one after another (never more than one in flight), so a slow server slows them.
 */
export async function startLoad({ clients = 5, putsPerSecond = 20, label = 'load' } = {}) {
  const { mqttUrl } = await getJson('/push/config');
  const urls = [mqttUrl, process.env.REDDOT_MQTT_URL].filter(Boolean);
  const users = Array.from({ length: clients }, (_, i) => uniqueUser(`${label}${i}`));
  const connections = [];
  for (const url of urls) {
    for (const user of users) connections.push(await connect(url, user));
  }
  let running = true;
  const counts = new Map(users.map((user) => [user, 0]));
  const puts = (async () => {
    for (let i = 0; running; i += 1) {
      const user = users[i % users.length];
      counts.set(user, counts.get(user) + 1);
      const started = Date.now();
      await putCount(user, counts.get(user));
      await new Promise((resolve) => { setTimeout(resolve, Math.max(0, 1000 / putsPerSecond - (Date.now() - started))); });
    }
  })();
  return {
    users,
    mqttClients: connections.length,
    async stop() {
      running = false;
      await puts;
      await Promise.all(connections.map((client) => client.endAsync()));
    },
  };
}
