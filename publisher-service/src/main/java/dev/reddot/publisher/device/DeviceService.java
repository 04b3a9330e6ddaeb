package dev.reddot.publisher.device;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.reddot.protocol.Ids;
import dev.reddot.publisher.notification.NewNotification;
import dev.reddot.publisher.notification.NotificationService;
import dev.reddot.publisher.unread.UnreadCounter;

/** Registers devices and turns their alerts into notifications for their owners, once per alert id. */
@Service
class DeviceService {

    static final String ALERT_CATEGORY = "device-alert";

    /** What became of an alert. */
    enum Outcome { NOTIFIED, DUPLICATE, UNKNOWN_DEVICE }

    private final DeviceStore store;
    private final UnreadCounter counter;
    private final NotificationService notifications;

    DeviceService(DeviceStore store, UnreadCounter counter, NotificationService notifications) {
        this.store = store;
        this.counter = counter;
        this.notifications = notifications;
    }

    /** Returns true when the device is new. The owner becomes a known user. */
    @Transactional
    public boolean register(String deviceId, String owner) {
        Ids.requireValid(deviceId);
        counter.register(owner);
        return store.register(deviceId, owner);
    }

    @Transactional
    public Outcome alert(String deviceId, DeviceAlert alert) {
        String owner = store.ownerOf(deviceId).orElse(null);
        if (owner == null) {
            return Outcome.UNKNOWN_DEVICE;
        }
        // the owner's counter lock also serializes two deliveries of one alert to two publisher instances
        counter.lock(owner);
        if (store.alertSeen(deviceId, alert.alertId())) {
            return Outcome.DUPLICATE;
        }
        String body = (alert.severity() == null ? "Alert" : alert.severity()) + " from device " + deviceId;
        long id = notifications.create(owner, new NewNotification(alert.title(), body, ALERT_CATEGORY)).id();
        store.recordAlert(deviceId, alert.alertId(), id);
        return Outcome.NOTIFIED;
    }
}
