package dev.reddot.simulator.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SourceAddressesTest {

    private static final MqttUrl LOOPBACK = MqttUrl.parse("tcp://127.0.0.1:1883");

    @Test
    void theFirstBlockOfConnectionsLeavesTheSourceToTheKernel() {
        SourceAddresses addresses = SourceAddresses.forTarget(LOOPBACK);

        assertThat(addresses.forConnection(0)).isNull();
        assertThat(addresses.forConnection(19_999)).isNull();
        assertThat(addresses.addressesFor(200)).isEqualTo(1);
    }

    @Test
    void laterBlocksBindFurtherLoopbackAddresses() {
        SourceAddresses addresses = SourceAddresses.forTarget(MqttUrl.parse("tcp://localhost:1883"));

        assertThat(addresses.forConnection(20_000).getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(addresses.forConnection(99_999).getHostAddress()).isEqualTo("127.0.0.5");
        assertThat(addresses.addressesFor(100_000)).isEqualTo(5);
    }

    @Test
    void aSecondLoadGeneratorStartsAtItsOwnAddress() {
        SourceAddresses addresses = SourceAddresses.forTarget(LOOPBACK, "127.0.0.3", 10_000);

        assertThat(addresses.forConnection(0).getHostAddress()).isEqualTo("127.0.0.3");
        assertThat(addresses.forConnection(10_000).getHostAddress()).isEqualTo("127.0.0.4");
    }

    @Test
    void aRemoteBrokerNeverGetsABoundSource() {
        SourceAddresses addresses = SourceAddresses.forTarget(MqttUrl.parse("tcp://192.0.2.10:1883"), "127.0.0.3",
                10_000);

        assertThat(addresses.forConnection(50_000)).isNull();
        assertThat(addresses.addressesFor(50_000)).isEqualTo(1);
    }

    @Test
    void onlyLoopbackSourcesAreAccepted() {
        assertThatThrownBy(() -> SourceAddresses.forTarget(LOOPBACK, "10.0.0.1", 10_000))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("127.0.0.x");
    }
}
