package dev.reddot.security.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;

/**
 * In token mode the components and details of every health group (client ids, the broker's address, a database's
 * name) are shown to an admin token only, whatever {@code management.endpoint.health.show-details} says: the
 * services set it to {@code always} for open mode, and an operator's setting must not open it to anyone in token
 * mode either. Everyone else sees the status alone, with its HTTP status (200 UP, 503 DOWN). Open mode: unchanged.
 */
final class AdminOnlyHealthDetails implements HealthEndpointGroupsPostProcessor {

    /** The authority Spring Security gives an admin token's {@code scope} claim. */
    static final Set<String> ADMIN = Set.of("SCOPE_admin");

    private final boolean tokenMode;

    AdminOnlyHealthDetails(boolean tokenMode) {
        this.tokenMode = tokenMode;
    }

    @Override
    public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
        if (!tokenMode) {
            return groups;
        }
        Map<String, HealthEndpointGroup> named = new LinkedHashMap<>();
        groups.getNames().forEach(name -> named.put(name, new AdminOnly(groups.get(name))));
        return HealthEndpointGroups.of(new AdminOnly(groups.getPrimary()), named);
    }

    private record AdminOnly(HealthEndpointGroup group) implements HealthEndpointGroup {

        @Override
        public boolean showComponents(SecurityContext securityContext) {
            return Show.WHEN_AUTHORIZED.isShown(securityContext, ADMIN);
        }

        @Override
        public boolean showDetails(SecurityContext securityContext) {
            return Show.WHEN_AUTHORIZED.isShown(securityContext, ADMIN);
        }

        @Override
        public boolean isMember(String name) {
            return group.isMember(name);
        }

        @Override
        public StatusAggregator getStatusAggregator() {
            return group.getStatusAggregator();
        }

        @Override
        public HttpCodeStatusMapper getHttpCodeStatusMapper() {
            return group.getHttpCodeStatusMapper();
        }

        @Override
        public AdditionalHealthEndpointPath getAdditionalPath() {
            return group.getAdditionalPath();
        }
    }
}
