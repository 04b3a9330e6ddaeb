package dev.reddot.gateway.web;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.reddot.gateway.GatewayProperties;

/** {@code GET /push/config}: what the browser client needs to pick and open a transport. */
@RestController
class ClientConfigController {

    private final GatewayProperties properties;

    ClientConfigController(GatewayProperties properties) {
        this.properties = properties;
    }

    @GetMapping("/push/config")
    Map<String, Object> config(HttpServletRequest request) {
        return Map.of(
                "mqttUrl", properties.mqttWebsocketUrl().replace("{host}", request.getServerName()),
                "pollIntervalMs", properties.pollInterval().toMillis());
    }
}
