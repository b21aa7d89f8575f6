package org.mailstack.main.delivery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdleConnectionsTest {
    private ServerSocket server;
    private final List<Socket> accepted = new ArrayList<>();

    @BeforeEach
    void listen() throws Exception {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void close() throws Exception {
        for (Socket s : accepted) {
            s.close();
        }
        server.close();
    }

    private SmtpClient connect() throws Exception {
        SmtpClient c = SmtpClient.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()),
                Duration.ofSeconds(5));
        Socket peer = server.accept();
        peer.setSoTimeout(2_000);
        accepted.add(peer);
        return c;
    }

    /** True when the peer's side of the connection reads end of stream (the client closed it). */
    private static boolean closedByClient(Socket peer) throws Exception {
        InputStream in = peer.getInputStream();
        try {
            return in.read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    @Test
    void keepsAtMostTheBoundPerContainerAndGivesBackTheLastParked() throws Exception {
        IdleConnections idle = new IdleConnections(60_000, 2);
        SmtpClient a = connect();
        SmtpClient b = connect();
        SmtpClient c = connect();
        assertTrue(idle.park("alice:2525", a));
        assertTrue(idle.park("alice:2525", b));
        assertFalse(idle.park("alice:2525", c), "a third session to the same container is the caller's to close");
        assertTrue(idle.park("bob:2525", c), "the bound is per container");
        assertSame(b, idle.take("alice:2525"));
        assertSame(a, idle.take("alice:2525"));
        assertNull(idle.take("alice:2525"));
    }

    @Test
    void sessionsIdleTooLongAreClosedWhenAnySessionIsParked() throws Exception {
        IdleConnections idle = new IdleConnections(200, 4);
        SmtpClient old = connect();
        assertTrue(idle.park("alice:2525", old));
        Thread.sleep(400);
        SmtpClient fresh = connect();
        assertTrue(idle.park("bob:2525", fresh));
        assertEquals(1, idle.parked(), "alice's idle session was closed, not kept until the next message to her");
        assertSame(fresh, idle.take("bob:2525"));
        assertNull(idle.take("alice:2525"));
        assertTrue(closedByClient(accepted.get(0)));
        assertFalse(closedByClient(accepted.get(1)));
    }
}
