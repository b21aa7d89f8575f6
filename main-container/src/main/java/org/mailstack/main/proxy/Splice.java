package org.mailstack.main.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.ExecutorService;

/** Copies bytes both ways between the client and the backend until either side closes; then closes both. */
final class Splice {
    private Splice() {
    }

    /** Runs backend→client on {@code pool} and client→backend on the calling thread. */
    static void run(Socket client, InputStream clientIn, Socket backend, InputStream backendIn, ExecutorService pool)
            throws IOException {
        OutputStream toClient = client.getOutputStream();
        OutputStream toBackend = backend.getOutputStream();
        pool.execute(() -> {
            copy(backendIn, toClient);
            closeQuietly(client);
            closeQuietly(backend);
        });
        copy(clientIn, toBackend);
        closeQuietly(backend);
        closeQuietly(client);
    }

    private static void copy(InputStream in, OutputStream out) {
        byte[] buf = new byte[16 * 1024];
        try {
            int n;
            while ((n = in.read(buf)) != -1) {
                out.write(buf, 0, n);
                if (in.available() == 0) {
                    out.flush();
                }
            }
        } catch (IOException closed) {
            // either side went away: the session is over
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
