// Legacy iframe streaming: a hidden iframe loads /push/iframe/{userId}, a never-ending HTML page
// whose scripts call parent.reddotCount({count event}). The gateway must be on the page's origin
// (or its baseUrl must share it): a cross-origin frame may not call its parent.

import { IFRAME_CALLBACK, IFRAME_EXPIRED_CALLBACK, paths, toCountEvent } from '../protocol.js';
import { TokenExpiredError, withToken } from '../token.js';
import { endpointUrl } from '../urls.js';
import { createRelay } from './relay.js';

export function createIframeTransport({ userId, baseUrl, token, getToken, globals }) {
  let relay = null;
  let frame = null;
  let callback = null;
  let expired = null;

  function insert(document) {
    if (relay.done) return;
    document.body.appendChild(frame);
    // listened to after insertion: only the end of the stream (or an error page) fires it
    frame.addEventListener('load', () => relay.fail(new Error('iframe stream ended')));
  }

  return {
    name: 'iframe',
    open(lastSeq, onCount, onError) {
      relay = createRelay(onCount, onError);
      const { document, window } = globals;
      callback = (value) => relay.deliver(() => toCountEvent(value, userId));
      window[IFRAME_CALLBACK] = callback;
      // the stream's last script when its token expired, before the frame's load event
      expired = () => relay.fail(new TokenExpiredError('iframe'));
      window[IFRAME_EXPIRED_CALLBACK] = expired;
      withToken({ token, getToken }, relay, (accessToken) => insertFrame(document, window, accessToken));
    },
    close() {
      relay?.close();
      if (frame) {
        frame.src = 'about:blank';
        frame.remove();
      }
      if (callback && globals.window[IFRAME_CALLBACK] === callback) delete globals.window[IFRAME_CALLBACK];
      if (expired && globals.window[IFRAME_EXPIRED_CALLBACK] === expired) delete globals.window[IFRAME_EXPIRED_CALLBACK];
    },
  };

  function insertFrame(document, window, accessToken) {
    frame = document.createElement('iframe');
    frame.hidden = true;
    frame.tabIndex = -1;
    frame.title = 'Reddot iframe stream';
    frame.setAttribute('aria-hidden', 'true');
    frame.src = endpointUrl(baseUrl, paths.iframe(userId), { access_token: accessToken });
    // a never-ending frame inserted before the page's load event would hold that event, and the
    // browser's loading indicator, forever
    if (document.readyState === 'complete') insert(document);
    else window.addEventListener('load', () => insert(document), { once: true });
  }
}
