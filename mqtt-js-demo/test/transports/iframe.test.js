import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createIframeTransport } from '../../src/transports/iframe.js';
import { createFakeFrameHost } from '../fakes/browser.js';
import { BASE, event, context, open } from '../fakes/transport-context.js';

describe('iframe transport', () => {
  it('loads /push/iframe/{userId} in a hidden frame and receives parent.reddotCount calls', () => {
    const host = createFakeFrameHost();
    const transport = createIframeTransport(context({ document: host.document, window: host.window }).context);
    const seen = open(transport);
    const [frame] = host.frames;
    assert.equal(frame.src, `${BASE}/push/iframe/alice`);
    assert.equal(frame.hidden, true);
    host.window.reddotCount(event(2, 3));
    assert.deepEqual(seen.counts, ['2@3']);
  });

  it('reports the end of the stream, and removes its frame and callback on close', () => {
    const host = createFakeFrameHost();
    const transport = createIframeTransport(context({ document: host.document, window: host.window }).context);
    const seen = open(transport);
    host.frames[0].dispatch('load');
    assert.deepEqual(seen.errors, ['iframe stream ended']);
    transport.close();
    assert.ok(host.frames[0].removed);
    assert.equal(host.window.reddotCount, undefined);
  });

  it('waits for the page to finish loading before it inserts the never-ending frame', () => {
    const host = createFakeFrameHost();
    host.document.readyState = 'interactive';
    const transport = createIframeTransport(context({ document: host.document, window: host.window }).context);
    open(transport);
    assert.equal(host.frames.length, 0);
    host.finishLoading();
    assert.equal(host.frames.length, 1);
  });
});
