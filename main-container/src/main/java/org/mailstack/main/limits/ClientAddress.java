package org.mailstack.main.limits;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Locale;

/** The key of per-client limits: the client's IP address (v4 or v6) without port. */
public final class ClientAddress {
    private ClientAddress() {
    }

    public static String of(SocketAddress address) {
        if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
            return inet.getAddress().getHostAddress().toLowerCase(Locale.ROOT);
        }
        return String.valueOf(address);
    }
}
