package dev.reddot.publisher.device;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.dao.DataAccessException;
import org.springframework.integration.acks.SimpleAcknowledgment;
import org.springframework.stereotype.Component;

import dev.reddot.protocol.Ids;
import dev.reddot.protocol.Topics;

/**
 * Handles one alert from the shared subscription. It is acknowledged (PUBACK) once stored, or once refused for
 * good (unknown device, malformed JSON); a store that fails leaves it unacknowledged, so it is not lost by
 * being acknowledged. Nothing is thrown back to the MQTT client: that would close its connection.
 */
@Component
class DeviceAlertListener {

    private static final Logger log = LoggerFactory.getLogger(DeviceAlertListener.class);

    private final DeviceService devices;
    private final JsonMapper json;

    DeviceAlertListener(DeviceService devices, JsonMapper json) {
        this.devices = devices;
        this.json = json;
    }

    void receive(String topic, byte[] payload, SimpleAcknowledgment acknowledgment) {
        Optional<String> deviceId = deviceIdOf(topic);
        if (deviceId.isEmpty()) {
            log.warn("Alert dropped: {} is not an alert topic", topic);
            acknowledgment.acknowledge();
            return;
        }
        DeviceAlert alert;
        try {
            alert = json.readValue(payload, DeviceAlert.class);
        } catch (JacksonException e) {
            log.warn("Alert from device {} dropped, not an alert object: {} ({})", deviceId.get(),
                    abbreviate(payload), e.getOriginalMessage());
            acknowledgment.acknowledge();
            return;
        }
        try {
            switch (devices.alert(deviceId.get(), alert)) {
                case NOTIFIED -> log.debug("Alert {} from device {} notified", alert.alertId(), deviceId.get());
                case DUPLICATE -> log.debug("Alert {} from device {} already notified", alert.alertId(), deviceId.get());
                case UNKNOWN_DEVICE -> log.warn("Alert {} dropped: device {} is not registered", alert.alertId(),
                        deviceId.get());
            }
            acknowledgment.acknowledge();
        } catch (DataAccessException e) {
            log.error("Alert {} from device {} not stored and left unacknowledged", alert.alertId(), deviceId.get(), e);
        }
    }

    /** The device id of {@code devices/{deviceId}/alerts}, checked against the one place topics are built. */
    static Optional<String> deviceIdOf(String topic) {
        String[] levels = topic == null ? new String[0] : topic.split("/", -1);
        if (levels.length == 3 && Ids.isValid(levels[1]) && Topics.alerts(levels[1]).equals(topic)) {
            return Optional.of(levels[1]);
        }
        return Optional.empty();
    }

    private static String abbreviate(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
