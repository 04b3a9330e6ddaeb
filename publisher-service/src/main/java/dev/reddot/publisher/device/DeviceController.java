package dev.reddot.publisher.device;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class DeviceController {

    private final DeviceService devices;

    DeviceController(DeviceService devices) {
        this.devices = devices;
    }

    /** 201 for a new device, 200 when an existing one got (or kept) this owner. */
    @PutMapping("/api/devices/{deviceId}")
    ResponseEntity<Device> register(@PathVariable String deviceId, @Valid @RequestBody RegisterDeviceRequest request) {
        boolean created = devices.register(deviceId, request.owner());
        return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK).body(new Device(deviceId, request.owner()));
    }
}
