package dev.reddot.simulator.mqtt;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** Where a broker listens: {@code tcp://host:port} (also {@code mqtt://}); the port defaults to 1883. */
public record MqttUrl(String host, int port) {

    public static final int DEFAULT_PORT = 1883;

    public MqttUrl {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("an MQTT URL needs a host");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
    }

    public static MqttUrl parse(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a URL: " + url, e);
        }
        String scheme = uri.getScheme();
        if (!"tcp".equals(scheme) && !"mqtt".equals(scheme)) {
            throw new IllegalArgumentException("only tcp:// (or mqtt://) URLs are supported, not " + url);
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("an MQTT URL needs a host: " + url);
        }
        return new MqttUrl(uri.getHost(), uri.getPort() == -1 ? DEFAULT_PORT : uri.getPort());
    }

    /** True when the host is a loopback address (then client source addresses can be spread over 127.0.0.x). */
    public boolean isLoopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            // an unknown host is no loopback address; connecting to it fails later with a clear message
            return false;
        }
    }

    @Override
    public String toString() {
        return "tcp://" + host + ":" + port;
    }
}
