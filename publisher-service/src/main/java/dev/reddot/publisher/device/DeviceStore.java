package dev.reddot.publisher.device;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code device} and {@code device_alert} tables. */
@Repository
class DeviceStore {

    private final JdbcClient jdbc;

    DeviceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns true when the device is new, false when an existing device got (or kept) this owner. */
    boolean register(String deviceId, String owner) {
        int inserted = jdbc.sql("INSERT INTO device (device_id, owner_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
                .params(deviceId, owner)
                .update();
        if (inserted == 0) {
            jdbc.sql("UPDATE device SET owner_id = ? WHERE device_id = ?").params(owner, deviceId).update();
        }
        return inserted == 1;
    }

    Optional<String> ownerOf(String deviceId) {
        return jdbc.sql("SELECT owner_id FROM device WHERE device_id = ?").param(deviceId).query(String.class).optional();
    }

    boolean alertSeen(String deviceId, String alertId) {
        return jdbc.sql("SELECT COUNT(*) FROM device_alert WHERE device_id = ? AND alert_id = ?")
                .params(deviceId, alertId)
                .query(Long.class)
                .single() > 0;
    }

    void recordAlert(String deviceId, String alertId, long notificationId) {
        jdbc.sql("INSERT INTO device_alert (device_id, alert_id, notification_id) VALUES (?, ?, ?)")
                .params(deviceId, alertId, notificationId)
                .update();
    }
}
