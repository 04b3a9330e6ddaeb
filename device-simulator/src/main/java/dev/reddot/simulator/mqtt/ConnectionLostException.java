package dev.reddot.simulator.mqtt;

/** The connection ended before the operation completed, and not because this client disconnected. */
public class ConnectionLostException extends MqttClientException {

    public ConnectionLostException(String message) {
        super(message);
    }

    public ConnectionLostException(String message, Throwable cause) {
        super(message, cause);
    }
}
