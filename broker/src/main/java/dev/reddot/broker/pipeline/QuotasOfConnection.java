package dev.reddot.broker.pipeline;

import java.lang.reflect.Field;

import io.moquette.broker.NewNettyMQTTHandler;
import io.netty.channel.ChannelHandlerContext;

/**
 * Finds the {@link BrokerQuotas} of the broker a connection belongs to, without static state shared by brokers
 * (tests run several in one JVM, each with its own limits). Moquette 0.18.3 puts one object per broker into every
 * connection's pipeline, its {@code NewNettyMQTTHandler}; that handler keeps, in private fields, the connection
 * factory and through it the authenticator Reddot gave it, an {@link AuthenticatorWithQuotas}. Reading those two
 * fields is the only way in; the broker's start fails if a Moquette release renames them.
 */
final class QuotasOfConnection {

    private static final Field CONNECTION_FACTORY = field("io.moquette.broker.NewNettyMQTTHandler", "connectionFactory");
    private static final Field AUTHENTICATOR = field("io.moquette.broker.MQTTConnectionFactory", "authenticator");

    private QuotasOfConnection() {
    }

    /** Only once the pipeline is complete: from the first packet on, never while handlers are being added. */
    static BrokerQuotas of(ChannelHandlerContext ctx) {
        return authenticator(ctx).quotas();
    }

    /** The broker's authenticator, with its quotas; same condition as {@link #of}. */
    static AuthenticatorWithQuotas authenticator(ChannelHandlerContext ctx) {
        NewNettyMQTTHandler moquette = ctx.pipeline().get(NewNettyMQTTHandler.class);
        try {
            Object factory = CONNECTION_FACTORY.get(moquette);
            if (AUTHENTICATOR.get(factory) instanceof AuthenticatorWithQuotas authenticator) {
                return authenticator;
            }
        } catch (IllegalAccessException | NullPointerException e) {
            throw new IllegalStateException("Cannot find the broker's limits in " + ctx.pipeline().names(), e);
        }
        throw new IllegalStateException("The broker was started without Reddot's AuthenticatorWithQuotas");
    }

    /** Fails the broker's start when Moquette's fields are not where Reddot expects them. */
    static void requireMoquetteFields() {
        // the static fields are resolved when this class is loaded
    }

    private static Field field(String className, String name) {
        try {
            Field field = Class.forName(className).getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Moquette's " + className + "." + name + " is gone: Reddot's handlers "
                    + "cannot find the broker's limits (pipeline/QuotasOfConnection)", e);
        }
    }
}
