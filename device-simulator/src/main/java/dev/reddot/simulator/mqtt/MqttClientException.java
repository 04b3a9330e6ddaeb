package dev.reddot.simulator.mqtt;

/** The broker refused something (CONNECT, SUBSCRIBE, PUBLISH), or the connection could not do it. */
public class MqttClientException extends RuntimeException {

    public MqttClientException(String message) {
        super(message);
    }

    public MqttClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
