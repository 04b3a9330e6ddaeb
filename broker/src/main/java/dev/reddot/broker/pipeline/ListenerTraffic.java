package dev.reddot.broker.pipeline;

/**
 * Where {@link TrafficMeter} reports the connections of each listener and the PUBLISH packets written to them; the
 * broker's metrics turn it into meters. {@code listener} is {@code tcp} or {@code websocket} (TLS ones included).
 */
public interface ListenerTraffic {

    ListenerTraffic NONE = new ListenerTraffic() {
        @Override
        public void opened(String listener) {
        }

        @Override
        public void closed(String listener) {
        }

        @Override
        public void sent(String listener) {
        }
    };

    void opened(String listener);

    void closed(String listener);

    /** A PUBLISH packet was handed to the connection's codec. */
    void sent(String listener);
}
