package dev.reddot.simulator.mqtt;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * Opens MQTT connections to one broker, all served by one shared event loop group. Connections to a loopback broker
 * are spread over 127.0.0.x source addresses (see {@link SourceAddresses}).
 */
public final class MqttConnector implements AutoCloseable {

    /** Largest packet accepted from the broker; Reddot's broker accepts 256 KiB, leave room above it. */
    private static final int MAX_PACKET_BYTES = 1024 * 1024;

    /** Connections being opened at once: a burst of thousands of SYNs overflows a broker's accept backlog. */
    private static final int CONNECTING_AT_ONCE = 256;

    private final MqttUrl target;
    private final SourceAddresses sourceAddresses;
    private final EventLoopGroup group;
    private final AtomicInteger opened = new AtomicInteger();

    public MqttConnector(MqttUrl target, int ioThreads) {
        this(target, SourceAddresses.forTarget(target), ioThreads);
    }

    public MqttConnector(MqttUrl target, SourceAddresses sourceAddresses, int ioThreads) {
        this.target = target;
        this.sourceAddresses = sourceAddresses;
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("mqtt-client", true),
                NioIoHandler.newFactory());
    }

    public MqttUrl target() {
        return target;
    }

    /** How many source addresses the connections opened so far use. */
    public int sourceAddressesUsed() {
        return sourceAddresses.addressesFor(opened.get());
    }

    /** Connects one client; completes once the broker accepted it (CONNACK). */
    public CompletableFuture<AsyncMqttClient> connect(MqttClientOptions options, Consumer<ReceivedMessage> onMessage) {
        MqttClientHandler handler = new MqttClientHandler(options, onMessage);
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (options.keepAliveSeconds() > 0) {
                            // the broker may close after 1.5 × keep alive without a packet; give up on it likewise
                            long keepAliveMillis = options.keepAliveSeconds() * 1000L;
                            channel.pipeline().addLast(new IdleStateHandler(
                                    keepAliveMillis * 3 / 2, keepAliveMillis, 0, TimeUnit.MILLISECONDS));
                        }
                        channel.pipeline().addLast(new MqttDecoder(MAX_PACKET_BYTES), MqttEncoder.INSTANCE, handler);
                    }
                });
        InetAddress local = sourceAddresses.forConnection(opened.getAndIncrement());
        InetSocketAddress remote = new InetSocketAddress(target.host(), target.port());
        ChannelFuture tcp = local == null
                ? bootstrap.connect(remote)
                : bootstrap.connect(remote, new InetSocketAddress(local, 0));
        tcp.addListener(connect -> {
            if (!connect.isSuccess()) {
                handler.tcpConnectFailed(connect.cause());
            }
        });
        return handler.connected().thenApply(accepted -> new AsyncMqttClient(options.clientId(), tcp.channel(), handler));
    }

    /**
     * Connects many clients, a bounded number at a time; blocks the caller until the last one is under way.
     *
     * @param handlers gives each client its message handler
     * @return one future per client, in the order given
     */
    public List<CompletableFuture<AsyncMqttClient>> connectAll(List<MqttClientOptions> clients,
            Function<MqttClientOptions, Consumer<ReceivedMessage>> handlers) throws InterruptedException {
        Semaphore connecting = new Semaphore(CONNECTING_AT_ONCE);
        List<CompletableFuture<AsyncMqttClient>> results = new ArrayList<>(clients.size());
        for (MqttClientOptions options : clients) {
            connecting.acquire();
            CompletableFuture<AsyncMqttClient> client = connect(options, handlers.apply(options));
            client.whenComplete((connected, failure) -> connecting.release());
            results.add(client);
        }
        return results;
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
