package dev.reddot.broker.pipeline;

import java.io.IOException;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that vanishes (a reset, a broken pipe) is a normal event on a network of devices, not an error: Moquette
 * 0.18.3 logged each one at ERROR with a stack trace, so 5,000 devices dropping off a mobile network flooded the log
 * with 5,000 traces. This handler logs one DEBUG line and closes the channel; Moquette still sees the connection go
 * (its will message, session expiry and cleanup run as for any lost connection). A client whose TLS handshake fails
 * (it does not trust the certificate, or speaks plain MQTT to the TLS port) is one INFO line.
 */
final class LostConnections extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(LostConnections.class);

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("{}: connection lost ({})", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        } else if (cause instanceof DecoderException && cause.getCause() instanceof SSLException tls) {
            LOG.info("{}: TLS handshake failed: {}", ctx.channel().remoteAddress(), tls.getMessage());
            ctx.close();
        } else {
            ctx.fireExceptionCaught(cause);
        }
    }
}
